package org.anaiss.outreach.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.service.KnownCaseService;
import org.anaiss.platform.kafka.DeadLetters;
import org.anaiss.platform.kafka.EventPayloads;
import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.anaiss.platform.problem.SqlStates;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code case-events}. A malformed event goes to the dead-letter topic; a valid one is
 * retried with backoff while the database is unavailable.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private final EventPayloads payloads;
    private final KnownCaseService knownCases;

    private final DeadLetters deadLetters;

    public CaseEventsConsumer(EventPayloads payloads, KnownCaseService knownCases, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.payloads = payloads;
        this.knownCases = knownCases;
    }

    @Incoming("case-events")
    public Uni<Void> consume(String payload) {
        CaseEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            return deadLetters.send("case-events", e);
        }
        // applied meanwhile by another instance (redelivery during a rebalance): nothing left to do
        return EventPayloads.retryWhileTransient(knownCases.apply(event).onFailure(SqlStates::isUniqueViolation).recoverWithItem(false),
                "case-events")
                .replaceWithVoid();
    }

    CaseEvent parse(String payload) {
        return payloads.read(payload, CaseEvent.class, "case-events", 64_000);
    }
}
