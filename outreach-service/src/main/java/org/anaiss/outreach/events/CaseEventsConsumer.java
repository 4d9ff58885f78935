package org.anaiss.outreach.events;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.anaiss.outreach.service.KnownCaseService;
import org.anaiss.platform.problem.SqlStates;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Consumes {@code case-events}. A malformed event goes to the dead-letter topic; a valid one is
 * retried with backoff while the database is unavailable.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);
    private final ObjectMapper json;
    private final Validator validator;
    private final KnownCaseService knownCases;

    private final DeadLetters deadLetters;

    public CaseEventsConsumer(ObjectMapper json, Validator validator, KnownCaseService knownCases, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.json = json;
        this.validator = validator;
        this.knownCases = knownCases;
    }

    @Incoming("case-events")
    public Uni<Void> consume(String payload) {
        CaseEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            LOG.warnf("malformed case-events event dead-lettered: %s", e.getMessage());
            deadLetters.caseEvents();
            return Uni.createFrom().failure(e);
        }
        return knownCases.apply(event)
                // applied meanwhile by another instance (redelivery during a rebalance): nothing left to do
                .onFailure(SqlStates::isUniqueViolation).recoverWithItem(false)
                .onFailure(CaseEventsConsumer::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .replaceWithVoid();
    }

    CaseEvent parse(String payload) {
        if (payload == null || payload.length() > 64_000) {
            throw new MalformedEventException("missing or oversized payload");
        }
        CaseEvent event;
        try {
            event = json.readValue(payload, CaseEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a valid case-events JSON document (" + e.getClass().getSimpleName() + ")");
        }
        Set<ConstraintViolation<CaseEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
        }
        return event;
    }

    static boolean transientFailure(Throwable t) {
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state == null || !(state.startsWith("22") || state.startsWith("23"));
        }
        return !(t instanceof MalformedEventException) && !(t instanceof IllegalArgumentException);
    }

    /** The event cannot be applied as it is: it goes to the dead-letter topic with this reason. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}
