package org.anaiss.cases.events;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.anaiss.cases.service.ErasurePropagation;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code erasure-confirmations}: the other services confirm the erasures announced on
 * person-erasures. A malformed event goes to the dead-letter topic; a valid one is retried with backoff
 * while the database is unavailable. Idempotent: a confirmation is kept once per erasure and service.
 */
@ApplicationScoped
public class ErasureConfirmationConsumer {

    private static final Logger LOG = Logger.getLogger(ErasureConfirmationConsumer.class);
    private final ObjectMapper json;
    private final Validator validator;
    private final ErasurePropagation erasures;
    private final Counter deadLettered;

    public ErasureConfirmationConsumer(ObjectMapper json, Validator validator, ErasurePropagation erasures, MeterRegistry registry) {
        this.json = json;
        this.validator = validator;
        this.erasures = erasures;
        this.deadLettered = Counter.builder("anaiss.messages.dead.lettered").tag("channel", "erasure-confirmations")
                .description("Consumed events sent to the dead-letter topic because they could not be read").baseUnit("events")
                .register(registry);
    }

    @Incoming("erasure-confirmations")
    public Uni<Void> consume(String payload) {
        ErasureConfirmationEvent event;
        try {
            event = parse(payload);
        } catch (OfferAcceptedConsumer.MalformedEventException e) {
            LOG.warnf("malformed erasure-confirmations event dead-lettered: %s", e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().failure(e);
        }
        return erasures.confirm(event.data())
                .onFailure(OfferAcceptedConsumer::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    ErasureConfirmationEvent parse(String payload) {
        if (payload == null || payload.length() > 16_000) {
            throw new OfferAcceptedConsumer.MalformedEventException("missing or oversized payload");
        }
        ErasureConfirmationEvent event;
        try {
            event = json.readValue(payload, ErasureConfirmationEvent.class);
        } catch (JsonProcessingException e) {
            throw new OfferAcceptedConsumer.MalformedEventException(
                    "not a valid erasure-confirmations JSON document (" + e.getClass().getSimpleName() + ")");
        }
        Set<ConstraintViolation<ErasureConfirmationEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new OfferAcceptedConsumer.MalformedEventException("invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
        }
        if (!ErasureConfirmationEvent.TYPE.equals(event.type())) {
            throw new OfferAcceptedConsumer.MalformedEventException("unknown type");
        }
        return event;
    }
}
