package org.anaiss.cases.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.service.ErasurePropagation;
import org.anaiss.platform.kafka.DeadLetters;
import org.anaiss.platform.kafka.EventPayloads;
import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/**
 * Consumes {@code erasure-confirmations}: the other services confirm the erasures announced on
 * person-erasures. A malformed event goes to the dead-letter topic; a valid one is retried with backoff
 * while the database is unavailable. Idempotent: a confirmation is kept once per erasure and service.
 */
@ApplicationScoped
public class ErasureConfirmationConsumer {

    private final EventPayloads payloads;
    private final ErasurePropagation erasures;
    private final DeadLetters deadLetters;

    public ErasureConfirmationConsumer(EventPayloads payloads, ErasurePropagation erasures, DeadLetters deadLetters) {
        this.payloads = payloads;
        this.erasures = erasures;
        this.deadLetters = deadLetters;
    }

    @Incoming("erasure-confirmations")
    public Uni<Void> consume(String payload) {
        ErasureConfirmationEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            return deadLetters.send("erasure-confirmations", e);
        }
        return EventPayloads.retryWhileTransient(erasures.confirm(event.data()), "erasure-confirmations")
                .replaceWithVoid();
    }

    ErasureConfirmationEvent parse(String payload) {
        ErasureConfirmationEvent event = payloads.read(payload, ErasureConfirmationEvent.class, "erasure-confirmations", 16_000);
        if (!ErasureConfirmationEvent.TYPE.equals(event.type())) {
            throw new MalformedEventException("unknown type");
        }
        return event;
    }
}
