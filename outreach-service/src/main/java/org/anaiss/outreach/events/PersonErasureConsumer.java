package org.anaiss.outreach.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.service.PersonErasureService;
import org.anaiss.platform.kafka.DeadLetters;
import org.anaiss.platform.kafka.EventPayloads;
import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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
    private final EventPayloads payloads;
    private final PersonErasureService erasures;
    private final DeadLetters deadLetters;

    public PersonErasureConsumer(EventPayloads payloads, PersonErasureService erasures, DeadLetters deadLetters) {
        this.payloads = payloads;
        this.erasures = erasures;
        this.deadLetters = deadLetters;
    }

    @Incoming("person-erasures")
    public Uni<Void> consume(String payload) {
        PersonErasureEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            return deadLetters.send("person-erasures", e);
        }
        return EventPayloads.retryWhileTransient(Uni.createFrom().item(() -> erasures.apply(event))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()), "person-erasures")
                .invoke(done -> LOG.debugf(done == null ? "erasure %s already applied" : "erasure %s applied", event.data().erasureId()))
                .replaceWithVoid();
    }

    PersonErasureEvent parse(String payload) {
        return payloads.read(payload, PersonErasureEvent.class, "person-erasures", 64_000);
    }
}
