package org.anaiss.platform.telemetry;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Progress of the maintenance jobs (retention, re-encryption): rows they handled and when a run last finished.
 * The only label, task, is the job's name (not "job": Prometheus owns that label); nothing says who started a run.
 * A service lists its jobs in {@code anaiss.metrics.jobs} so their series exist from the start, at 0.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at 0
public class JobMetrics {

    public static final String RETENTION = "retention";
    /** Re-encryption after a key rotation (meters from its first run: it runs on request only). */
    public static final String REENCRYPTION = "reencryption";

    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public JobMetrics(Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "anaiss.metrics.jobs") Optional<List<String>> jobs) {
        this.clock = clock;
        this.registry = registry;
        jobs.orElse(List.of()).forEach(this::meters);
    }

    private AtomicLong meters(String job) {
        return lastSuccess.computeIfAbsent(job, j -> {
            AtomicLong at = new AtomicLong();
            Gauge.builder("anaiss.job.last.success", at, AtomicLong::get).tag("task", j)
                    .description("When a run of the job last finished without error, as a Unix time (0: not since start)")
                    .baseUnit("seconds").register(registry);
            counter(j);
            return at;
        });
    }

    private Counter counter(String job) {
        return Counter.builder("anaiss.job.rows").tag("task", job)
                .description("Rows a maintenance job purged, archived or re-encrypted since start").baseUnit("rows").register(registry);
    }

    /** A run finished: {@code rows} handled. */
    public void finished(String job, long rows) {
        counter(job).increment(rows);
        meters(job).set(clock.instant().getEpochSecond());
    }
}
