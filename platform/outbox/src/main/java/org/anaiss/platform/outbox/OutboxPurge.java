package org.anaiss.platform.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes outbox rows the broker acknowledged more than {@link OutboxSettings#sentRetention()} ago: once on Kafka,
 * an event lives by the topic's retention, not in the service's database. Unsent rows stay until they are sent.
 * Deletes in bounded batches so a large backlog (after an upgrade) never holds one long transaction.
 */
@ApplicationScoped
public class OutboxPurge {

    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);
    static final int BATCH = 5000;
    private final Pool pool;
    private final OutboxSettings settings;
    private final Clock clock;

    public OutboxPurge(Pool pool, OutboxSettings settings, Clock clock) {
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outbox.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "outbox-purge")
    Uni<Void> purgeScheduled() {
        return purge().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox purge failed (%s); retrying next round", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** Deletes every sent row past its retention; returns how many. */
    public Uni<Integer> purge() {
        OffsetDateTime cutoff = clock.instant().minus(settings.sentRetention()).atOffset(ZoneOffset.UTC);
        int[] total = { 0 };
        return deleteBatch(cutoff).invoke(n -> total[0] += n)
                .repeat().whilst(n -> n == BATCH)
                .collect().last()
                .map(last -> total[0]);
    }

    private Uni<Integer> deleteBatch(OffsetDateTime cutoff) {
        return pool.preparedQuery("delete from outbox_event where id in (select id from outbox_event "
                + "where sent_at is not null and sent_at < $1 limit $2)")
                .execute(Tuple.of(cutoff, BATCH))
                .map(rows -> rows.rowCount());
    }
}
