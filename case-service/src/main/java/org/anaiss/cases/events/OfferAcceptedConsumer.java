package org.anaiss.cases.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.service.OfferIntakeService;
import org.anaiss.platform.kafka.DeadLetters;
import org.anaiss.platform.kafka.EventPayloads;
import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes {@code offer-accepted}. A malformed event fails at once and goes to the dead-letter
 * topic (the partition moves on); a valid one is retried with backoff while the database is
 * unavailable, so nothing valid is dead-lettered by an outage.
 */
@ApplicationScoped
public class OfferAcceptedConsumer {

    private static final Logger LOG = Logger.getLogger(OfferAcceptedConsumer.class);
    private final EventPayloads payloads;
    private final OfferIntakeService intake;
    private final DeadLetters deadLetters;

    public OfferAcceptedConsumer(EventPayloads payloads, OfferIntakeService intake, DeadLetters deadLetters) {
        this.payloads = payloads;
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming("offer-accepted")
    public Uni<Void> consume(String payload, IncomingKafkaRecordMetadata<String, String> metadata) {
        OfferAcceptedEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            return deadLetters.send("offer-accepted", e);
        }
        return EventPayloads.retryWhileTransient(intake.accept(event, EventPayloads.traceparent(metadata)), "offer-accepted")
                .invoke(caseId -> {
                    if (caseId == null) {
                        LOG.debugf("offer-accepted %s already applied", event.id());
                    }
                })
                .replaceWithVoid();
    }

    OfferAcceptedEvent parse(String payload) {
        return payloads.read(payload, OfferAcceptedEvent.class, "offer-accepted", 64_000);
    }
}
