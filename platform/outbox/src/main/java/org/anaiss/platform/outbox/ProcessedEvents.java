package org.anaiss.platform.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The ids of events already applied, so a consumer applies each event once: it asks before applying and
 * records the id in the same transaction as the effect. Each service keeps the table {@code processed_event}.
 */
@ApplicationScoped
public class ProcessedEvents implements PanacheRepositoryBase<ProcessedEvent, String> {

    public Uni<Boolean> seen(String eventId) {
        return findById(eventId).map(found -> found != null);
    }

    /** Joins the current transaction. */
    public Uni<Void> record(String eventId, String consumer, Instant at) {
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.consumer = consumer;
        processed.processedAt = at;
        return persist(processed).replaceWithVoid();
    }
}
