package org.anaiss.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The outbox backlog: rows not yet acknowledged by the broker and the age of the oldest one, sampled from the
 * database (every replica reports the same figures: alert on max, not sum). The age is computed at scrape time
 * from the oldest row's creation, so it keeps growing between samples while the relay is stuck.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at 0
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    record Sample(long pending, Instant oldest) {
    }

    private final Pool pool;
    private final Clock clock;
    private final AtomicReference<Sample> sample = new AtomicReference<>(new Sample(0, null));

    public OutboxMetrics(Pool pool, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        Gauge.builder("anaiss.outbox.pending", sample, s -> s.get().pending())
                .description("Events written to the outbox and not yet acknowledged by Kafka").baseUnit("events").register(registry);
        Gauge.builder("anaiss.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest event not yet acknowledged by Kafka (0 when none)").baseUnit("seconds").register(registry);
    }

    @Scheduled(every = "${anaiss.metrics.sample-interval:15s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "outbox-metrics")
    Uni<Void> sample() {
        return pool.query("select count(*) as n, min(created_at) as oldest from outbox_event where sent_at is null").execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                    sample.set(new Sample(row.getLong("n"), oldest == null ? null : oldest.toInstant()));
                })
                .onFailure().invoke(e -> LOG.debugf("outbox metrics not sampled (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    double oldestAgeSeconds() {
        Instant oldest = sample.get().oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
