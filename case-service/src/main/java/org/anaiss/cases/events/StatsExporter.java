package org.anaiss.cases.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.repository.StatsRepository;
import org.anaiss.cases.repository.StatsRepository.Measure;
import org.anaiss.cases.service.StatsPeriod;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the anonymous statistics of case-service on stats-aggregates: for the current and the
 * previous period of each granularity, one snapshot per measure holding every cell of the table.
 * Through the outbox, like every event leaving the service. A period closed for longer than the
 * freeze delay is published once more as frozen, then never recomputed.
 */
@ApplicationScoped
public class StatsExporter {

    private static final Logger LOG = Logger.getLogger(StatsExporter.class);
    // one exporter at a time across replicas (transaction-scoped advisory lock)
    private static final long LOCK = 0x5747_4154_5345_5850L;
    private final StatsRepository stats;
    private final Outbox outbox;
    private final CaseConfig config;
    private final Clock clock;

    public StatsExporter(StatsRepository stats, Outbox outbox, CaseConfig config, Clock clock) {
        this.stats = stats;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.cases.stats.interval:1h}", delayed = "${anaiss.cases.stats.initial-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "stats-export")
    Uni<Void> exportScheduled() {
        return exportNow()
                .invoke(n -> LOG.infof("statistics exported: %d tables", n))
                .onFailure().invoke(e -> LOG.warnf("statistics export failed (%s); next run will retry", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run; returns the number of tables written to the outbox. */
    public Uni<Integer> exportNow() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.stats().zone());
        List<Uni<Integer>> tables = new ArrayList<>();
        for (StatsPeriod period : StatsPeriod.currentAndPrevious(today)) {
            for (Measure measure : Measure.values()) {
                tables.add(Uni.createFrom().deferred(() -> exportTable(measure, period)));
            }
        }
        // one table after the other: the aggregations are heavy, the database serves users meanwhile
        return Multi.createFrom().iterable(tables).onItem().transformToUniAndConcatenate(u -> u)
                .collect().asList().map(list -> list.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> exportTable(Measure measure, StatsPeriod period) {
        String key = StatsSnapshot.PRODUCER + "/" + measure.apiName + "/" + period.granularity() + "/" + period.label();
        Instant now = clock.instant();
        boolean frozen = period.end().atStartOfDay(config.stats().zone()).toInstant()
                .plus(config.stats().freezeDelay()).isBefore(now);
        return Panache.withSession(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select frozen from stats_export where snapshot_key = :key", Boolean.class)
                .setParameter("key", key).getResultList()))
                .chain(existing -> {
                    if (!existing.isEmpty() && Boolean.TRUE.equals(existing.get(0))) {
                        return Uni.createFrom().item(0);
                    }
                    return stats.cells(measure, period, config.stats().zone())
                            .chain(cells -> publish(key, measure, period, frozen, cells));
                });
    }

    private Uni<Integer> publish(String key, Measure measure, StatsPeriod period, boolean frozen, List<List<Object>> cells) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select pg_try_advisory_xact_lock(:lock)", Boolean.class).setParameter("lock", LOCK)
                .getSingleResult())
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().item(0);
                    }
                    // strictly increasing per key, even if the clock steps back
                    long version = Math.max(clock.millis(), 1);
                    return Panache.getSession().chain(s -> s
                            .createNativeQuery("select coalesce(max(version), 0) from stats_export where snapshot_key = :key", Long.class)
                            .setParameter("key", key).getSingleResult())
                            .chain(previous -> {
                                long v = Math.max(version, previous + 1);
                                StatsSnapshot snapshot = new StatsSnapshot(StatsSnapshot.PRODUCER, measure.apiName,
                                        period.granularity().name(), period.label(), v, frozen, StatsSnapshot.DIMENSIONS, cells);
                                return outbox.add(StatsSnapshot.TOPIC, key, StatsSnapshot.TYPE, key, snapshot, key + "@" + v, null)
                                        .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                                insert into stats_export (snapshot_key, version, frozen, cells, exported_at)
                                                values (:key, :version, :frozen, :cells, now())
                                                on conflict (snapshot_key) do update set version = excluded.version,
                                                    frozen = excluded.frozen, cells = excluded.cells, exported_at = excluded.exported_at
                                                """).setParameter("key", key).setParameter("version", v)
                                                .setParameter("frozen", frozen).setParameter("cells", cells.size())
                                                .executeUpdate()))
                                        .replaceWith(1);
                            });
                }));
    }
}
