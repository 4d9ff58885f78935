package org.anaiss.cases.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.repository.StatsRepository.Measure;
import org.anaiss.cases.repository.StatsRepository;
import org.anaiss.cases.service.StaffRule;
import org.anaiss.cases.domain.StatsPeriod;
import org.anaiss.platform.problem.ProblemException;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Releases the anonymous statistics of case-service on stats-aggregates, once per closed period: a
 * period is released when it ended longer ago than the freeze delay; each measure of each released
 * period is computed then, written to the outbox in the transaction that records it as released, and
 * never computed again — nothing recorded, erased or purged later changes it, and nothing about a
 * period still open ever leaves. Regional measures carry the staff rule's verdict: a region whose
 * figure would be the work of too few staff is sent as one marker.
 */
@ApplicationScoped
public class StatsExporter {

    private static final Logger LOG = Logger.getLogger(StatsExporter.class);
    private final StatsRepository stats;
    private final Outbox outbox;
    private final CaseConfig config;
    private final Clock clock;
    private final StaffRule rule;

    public StatsExporter(StatsRepository stats, Outbox outbox, CaseConfig config, Clock clock) {
        this.stats = stats;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.rule = new StaffRule(config.stats().minTeams(), config.stats().minSocialWorkers());
    }

    @Scheduled(every = "${anaiss.cases.stats.interval:1h}", delayed = "${anaiss.cases.stats.initial-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "stats-export")
    Uni<Void> exportScheduled() {
        return exportNow()
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("statistics released: %d tables", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("statistics export failed (%s); next run will retry", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run: every period released within the catch-up window and not exported yet; returns the tables released. */
    public Uni<Integer> exportNow() {
        return export(StatsPeriod.releasedWithin(clock.instant(), config.stats().catchUp(), config.stats().zone(),
                config.stats().freezeDelay()));
    }

    /**
     * One released period, whenever it was released (after an outage longer than the catch-up window):
     * exported if it was not yet; 0 tables when it was. A period not yet released is refused.
     */
    public Uni<Integer> exportPeriod(StatsPeriod period) {
        Instant release = period.release(config.stats().zone(), config.stats().freezeDelay());
        if (release.isAfter(clock.instant())) {
            return Uni.createFrom().failure(ProblemException.conflict("period-not-released", "Period not released",
                    period.granularity() + " " + period.label() + " is released on " + release
                            + " (its end plus the freeze delay): nothing about it leaves before."));
        }
        return export(List.of(period));
    }

    private Uni<Integer> export(List<StatsPeriod> periods) {
        List<String> keys = new ArrayList<>();
        for (StatsPeriod p : periods) {
            for (Measure m : Measure.values()) {
                keys.add(key(m, p));
            }
        }
        return stats.released(keys).chain(done -> {
            List<Uni<Integer>> tables = new ArrayList<>();
            for (StatsPeriod p : periods) {
                for (Measure m : Measure.values()) {
                    if (!done.contains(key(m, p))) {
                        tables.add(Uni.createFrom().deferred(() -> release(m, p)));
                    }
                }
            }
            // one table after the other: the aggregations are heavy, the database serves users meanwhile
            return Multi.createFrom().iterable(tables).onItem().transformToUniAndConcatenate(u -> u)
                    .collect().asList().map(list -> list.stream().mapToInt(Integer::intValue).sum());
        });
    }

    static String key(Measure measure, StatsPeriod period) {
        return StatsSnapshot.PRODUCER + "/" + measure.apiName + "/" + period.granularity() + "/" + period.label();
    }

    private Uni<Integer> release(Measure measure, StatsPeriod period) {
        Uni<List<List<Object>>> cells = stats.cells(measure, period, config.stats().zone());
        if (measure.regional) {
            cells = cells.chain(counted -> stats.staffing(measure, period, config.stats().zone()).map(staffing -> {
                Set<Region> failing = rule.failing(staffing);
                return StaffRule.suppress(counted, failing, measure.dimensions().size(), StatsSnapshot.SUPPRESSED);
            }));
        }
        return cells.chain(c -> publish(measure, period, c));
    }

    private Uni<Integer> publish(Measure measure, StatsPeriod period, List<List<Object>> cells) {
        String key = key(measure, period);
        long version = Math.max(clock.millis(), 1);
        StatsSnapshot snapshot = new StatsSnapshot(StatsSnapshot.PRODUCER, measure.apiName, period.granularity().name(),
                period.label(), version, true, measure.dimensions(), cells);
        return Panache.withTransaction(() -> stats.markReleased(key, version, cells.size()).chain(first -> first
                ? outbox.add(StatsSnapshot.TOPIC, key, StatsSnapshot.TYPE, key, snapshot, key + "@" + version, null).replaceWith(1)
                : Uni.createFrom().item(0)));
    }
}
