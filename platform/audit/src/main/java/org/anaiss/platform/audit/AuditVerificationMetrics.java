package org.anaiss.platform.audit;

import java.time.Clock;
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
import io.vertx.mutiny.sqlclient.RowSet;

/** The last finished verification of the audit chain: how many records it found broken, and how long ago it ended. */
@ApplicationScoped
@Startup // its meters exist from the start, at 0
public class AuditVerificationMetrics {

    private static final Logger LOG = Logger.getLogger(AuditVerificationMetrics.class);

    record Last(Instant finished, long broken) {
    }

    private final Pool pool;
    private final Clock clock;
    private final AtomicReference<Last> last = new AtomicReference<>();

    public AuditVerificationMetrics(Pool pool, Clock clock, MeterRegistry registry) {
        this.pool = pool;
        this.clock = clock;
        Gauge.builder("anaiss.audit.verification.broken", last, l -> l.get() == null ? 0 : l.get().broken())
                .description("Broken records found by the last finished verification of the audit chain (0: intact or none yet)")
                .baseUnit("records").register(registry);
        Gauge.builder("anaiss.audit.verification.age", this, AuditVerificationMetrics::ageSeconds)
                .description("Time since the last verification of the audit chain finished (NaN: none finished yet)")
                .baseUnit("seconds").register(registry);
    }

    @Scheduled(every = "${anaiss.metrics.sample-interval:15s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "audit-verification-metrics")
    Uni<Void> sample() {
        return pool.query("select finished_at, broken_records from audit_verification_job where state = 'DONE' "
                + "and finished_at is not null order by finished_at desc limit 1").execute()
                .invoke(this::read)
                .onFailure().invoke(e -> LOG.debugf("audit verification metrics not sampled (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void read(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return;
        }
        Row row = rows.iterator().next();
        OffsetDateTime finished = row.getOffsetDateTime("finished_at");
        last.set(new Last(finished.toInstant(), row.getLong("broken_records")));
    }

    double ageSeconds() {
        Last l = last.get();
        return l == null ? Double.NaN : Math.max(0, (clock.millis() - l.finished().toEpochMilli()) / 1000.0);
    }
}
