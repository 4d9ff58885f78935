package org.anaiss.outreach.events;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.anaiss.outreach.service.PersonErasureService;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Consumes {@code person-erasures} (case-service erased a person). A malformed event goes to the dead-letter
 * topic; a valid one is retried with backoff while the database is unavailable, so an erasure is never lost
 * to an outage. The work is blocking SQL: it runs on a worker thread.
 */
@ApplicationScoped
public class PersonErasureConsumer {

    private static final Logger LOG = Logger.getLogger(PersonErasureConsumer.class);
    private final ObjectMapper json;
    private final Validator validator;
    private final PersonErasureService erasures;
    private final Counter deadLettered;

    public PersonErasureConsumer(ObjectMapper json, Validator validator, PersonErasureService erasures, MeterRegistry registry) {
        this.json = json;
        this.validator = validator;
        this.erasures = erasures;
        this.deadLettered = Counter.builder("anaiss.messages.dead.lettered").tag("channel", "person-erasures")
                .description("Consumed events sent to the dead-letter topic because they could not be read").baseUnit("events")
                .register(registry);
    }

    @Incoming("person-erasures")
    public Uni<Void> consume(String payload) {
        PersonErasureEvent event;
        try {
            event = parse(payload);
        } catch (CaseEventsConsumer.MalformedEventException e) {
            LOG.warnf("malformed person-erasures event dead-lettered: %s", e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().item(() -> erasures.apply(event))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(done -> LOG.debugf(done == null ? "erasure %s already applied" : "erasure %s applied", event.data().erasureId()))
                .onFailure(CaseEventsConsumer::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    PersonErasureEvent parse(String payload) {
        if (payload == null || payload.length() > 64_000) {
            throw new CaseEventsConsumer.MalformedEventException("missing or oversized payload");
        }
        PersonErasureEvent event;
        try {
            event = json.readValue(payload, PersonErasureEvent.class);
        } catch (JsonProcessingException e) {
            throw new CaseEventsConsumer.MalformedEventException(
                    "not a valid person-erasures JSON document (" + e.getClass().getSimpleName() + ")");
        }
        Set<ConstraintViolation<PersonErasureEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new CaseEventsConsumer.MalformedEventException("invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
        }
        return event;
    }
}
