package org.anaiss.stats.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.service.SnapshotIngestor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Consumes {@code stats-aggregates}, the one topic stats-service reads. This service may write to
 * no topic, so a message that does not conform is recorded as rejected in its own database (never
 * its content) and the partition moves on. A conforming one is retried with backoff while the
 * database is unavailable, so nothing valid is lost to an outage.
 */
@ApplicationScoped
public class StatsAggregatesConsumer {

    private static final Logger LOG = Logger.getLogger(StatsAggregatesConsumer.class);
    private final SnapshotIngestor ingestor;

    public StatsAggregatesConsumer(SnapshotIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Incoming("stats-aggregates")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ingestor.ingest(record.topic(), record.partition(), record.offset(), record.key(), record.value())
                .onFailure(StatsAggregatesConsumer::transientFailure)
                .invoke(e -> LOG.warnf("stats-aggregates %d/%d not applied yet (%s): retrying", record.partition(),
                        record.offset(), e.getClass().getSimpleName()))
                .onFailure(StatsAggregatesConsumer::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                // refused by the database for good: recorded, so the partition is not stuck behind it
                .onFailure().recoverWithUni(e -> ingestor.refused(record.topic(), record.partition(), record.offset(),
                        record.key(), e).replaceWith(SnapshotIngestor.Outcome.REJECTED))
                .replaceWithVoid();
    }

    /** Integrity errors will not heal by waiting; connection and timeout errors will. */
    static boolean transientFailure(Throwable t) {
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state == null || !(state.startsWith("22") || state.startsWith("23"));
        }
        return !(t instanceof IllegalArgumentException);
    }
}
