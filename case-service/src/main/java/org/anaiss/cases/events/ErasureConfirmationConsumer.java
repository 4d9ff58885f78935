package org.anaiss.cases.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.service.ErasurePropagation;
import org.anaiss.platform.kafka.EventPayloads;
import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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
    private final EventPayloads payloads;
    private final ErasurePropagation erasures;
    private final Counter deadLettered;

    public ErasureConfirmationConsumer(EventPayloads payloads, ErasurePropagation erasures, MeterRegistry registry) {
        this.payloads = payloads;
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
        } catch (MalformedEventException e) {
            LOG.warnf("malformed erasure-confirmations event dead-lettered: %s", e.getMessage());
            deadLettered.increment();
            return Uni.createFrom().failure(e);
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
