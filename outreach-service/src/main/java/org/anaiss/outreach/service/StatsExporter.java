package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.events.AggregateSnapshot;
import org.anaiss.outreach.events.CloudEvent;
import org.anaiss.outreach.repository.OutboxEventRepository;
import org.anaiss.outreach.repository.Sql;
import org.anaiss.outreach.repository.StatsMeasures;
import org.anaiss.outreach.repository.StatsSnapshotRepository;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * Releases aggregate snapshots on stats-aggregates through the outbox, once per closed period: a period
 * is released when it ended longer ago than the freeze delay; each measure of it is computed then,
 * written to the outbox in the transaction that records it as released, and never computed again (its
 * source rows may be answered, erased or purged later: nothing published changes). Nothing about a
 * period still open leaves. Regional measures carry the staff rule's verdict: a region whose figure
 * would be the work of fewer than the minimum of outreach officers, or mostly of one, is sent as one
 * marker cell, and the national cells still count it. Staff counts never leave this class.
 */
@ApplicationScoped
public class StatsExporter {

    private static final Logger LOG = Logger.getLogger(StatsExporter.class);

    /** One period of one granularity, [from, to). */
    record Period(String granularity, String label, Instant from, Instant to) {
    }

    private final Sql sql;
    private final ObjectMapper json;
    private final OutreachConfig config;
    private final Clock clock;
    private final StatsSnapshotRepository snapshots;
    private final OutboxEventRepository outboxEvents;

    public StatsExporter(Sql sql, ObjectMapper json, OutreachConfig config, Clock clock, StatsSnapshotRepository snapshots,
            OutboxEventRepository outboxEvents) {
        this.sql = sql;
        this.snapshots = snapshots;
        this.outboxEvents = outboxEvents;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.stats.interval:1h}", delayed = "${anaiss.outreach.stats.initial-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "stats-exporter")
    void scheduled() {
        try {
            // one instance computes: the aggregations are heavy, and the second would find every table released
            int released = sql.exclusively("stats-export", this::export).orElse(0);
            if (released > 0) {
                LOG.infof("statistics released: %d tables", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("stats export failed (%s); retrying next round", e.getClass().getSimpleName());
        }
    }

    /**
     * One run: every period released within the catch-up window and not exported yet; returns the
     * tables released. Two instances at once release each table once (the record of the release is
     * inserted only if absent, in the transaction that writes the outbox).
     */
    public synchronized int export() {
        Instant now = clock.instant();
        return export(released(now, config.stats().catchUp(), config.zone(), config.stats().freezeAfter()));
    }

    /** One released period, whenever it was released (after an outage longer than the window); 0 when already released. */
    public synchronized int export(String granularity, String label) {
        Period period = period(granularity, label);
        if (period.to().plus(config.stats().freezeAfter()).isAfter(clock.instant())) {
            throw new IllegalStateException(granularity + " " + label + " is not released yet");
        }
        return export(List.of(period));
    }

    private int export(List<Period> periods) {
        int released = 0;
        for (Period period : periods) {
            for (StatsMeasures.Measure measure : StatsMeasures.ALL) {
                if (release(measure, period)) {
                    released++;
                }
            }
        }
        return released;
    }

    /** The periods of every granularity released in (now - window, now], oldest first. */
    static List<Period> released(Instant now, Duration window, ZoneId zone, Duration delay) {
        List<Period> periods = new ArrayList<>();
        for (String g : List.of("MONTH", "QUARTER", "YEAR")) {
            Period p = containing(g, LocalDate.ofInstant(now.minus(delay), zone), zone);
            if (p.to().plus(delay).isAfter(now)) {
                p = containing(g, LocalDate.ofInstant(p.from(), zone).minusDays(1), zone);
            }
            List<Period> ofGranularity = new ArrayList<>();
            while (p.to().plus(delay).isAfter(now.minus(window))) {
                ofGranularity.add(p);
                p = containing(g, LocalDate.ofInstant(p.from(), zone).minusDays(1), zone);
            }
            java.util.Collections.reverse(ofGranularity);
            periods.addAll(ofGranularity);
        }
        return periods;
    }

    static Period containing(String granularity, LocalDate day, ZoneId zone) {
        return switch (granularity) {
            case "MONTH" -> {
                YearMonth m = YearMonth.from(day);
                yield new Period(granularity, m.toString(), start(m.atDay(1), zone), start(m.plusMonths(1).atDay(1), zone));
            }
            case "QUARTER" -> {
                LocalDate q = LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
                yield new Period(granularity, q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1), start(q, zone),
                        start(q.plusMonths(3), zone));
            }
            case "YEAR" -> new Period(granularity, String.valueOf(day.getYear()), start(LocalDate.of(day.getYear(), 1, 1), zone),
                    start(LocalDate.of(day.getYear() + 1, 1, 1), zone));
            default -> throw new IllegalArgumentException("granularity: MONTH, QUARTER or YEAR");
        };
    }

    private Period period(String granularity, String label) {
        LocalDate first = switch (granularity) {
            case "MONTH" -> YearMonth.parse(label).atDay(1);
            case "QUARTER" -> LocalDate.of(Integer.parseInt(label.substring(0, 4)), (label.charAt(6) - '1') * 3 + 1, 1);
            case "YEAR" -> LocalDate.of(Integer.parseInt(label), 1, 1);
            default -> throw new IllegalArgumentException("granularity: MONTH, QUARTER or YEAR");
        };
        return containing(granularity, first, config.zone());
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private boolean release(StatsMeasures.Measure measure, Period period) {
        if (snapshots.isReleased(measure.name(), period.granularity(), period.label())) {
            return false;
        }
        List<List<Object>> cells = cells(measure, period);
        if (measure.regional()) {
            cells = suppress(cells, failing(measure, period), measure.dimensions().size());
        }
        Instant now = clock.instant();
        long version = Math.max(now.toEpochMilli(), 1);
        String key = AggregateSnapshot.key(measure.name(), period.granularity(), period.label());
        AggregateSnapshot data = new AggregateSnapshot(AggregateSnapshot.PRODUCER, measure.name(), period.granularity(),
                period.label(), version, true, measure.dimensions(), cells);
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(new CloudEvent<>("1.0", id.toString(), CloudEvent.SOURCE, AggregateSnapshot.TYPE, now,
                    "application/json", key, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot not serialisable", e);
        }
        return sql.inTransaction(conn -> {
            if (!snapshots.recordRelease(conn, measure.name(), period.granularity(), period.label(), version, now)) {
                return false; // another instance released it meanwhile
            }
            outboxEvents.insert(conn, id, AggregateSnapshot.TOPIC, key, AggregateSnapshot.TYPE, payload, now);
            return true;
        });
    }

    /**
     * The staff rule: the regions whose figure of this measure and period is not the work of at least
     * the minimum of officers, or is more than half one officer's (every region without any unit too).
     */
    Set<String> failing(StatsMeasures.Measure measure, Period period) {
        Map<String, Map<String, Set<String>>> byRegion = new HashMap<>();
        Map<String, Set<String>> units = new HashMap<>();
        for (StatsSnapshotRepository.StaffRow r : snapshots.listStaffRows(measure, period.from(), period.to())) {
            String region = r.region();
            String officer = r.officer();
            String unit = r.unit();
            units.computeIfAbsent(region, x -> new HashSet<>()).add(unit);
            if (officer != null) {
                byRegion.computeIfAbsent(region, x -> new HashMap<>()).computeIfAbsent(officer, x -> new HashSet<>()).add(unit);
            }
        }
        Set<String> failing = new TreeSet<>();
        for (Region region : Region.values()) {
            int total = units.getOrDefault(region.name(), Set.of()).size();
            Map<String, Set<String>> officers = byRegion.getOrDefault(region.name(), Map.of());
            int top = officers.values().stream().mapToInt(Set::size).max().orElse(0);
            if (total == 0 || officers.size() < config.stats().minOfficers() || 2 * top > total) {
                failing.add(region.name());
            }
        }
        return failing;
    }

    /** Every cell of a failing region replaced by one marker; the national cells (region null) kept as counted. */
    static List<List<Object>> suppress(List<List<Object>> cells, Set<String> failing, int width) {
        List<List<Object>> result = new ArrayList<>(cells.size());
        for (List<Object> cell : cells) {
            if (cell.get(0) == null || !failing.contains(cell.get(0))) {
                result.add(cell);
            }
        }
        for (String region : failing) {
            List<Object> marker = new ArrayList<>(width + 1);
            marker.add(region);
            for (int i = 1; i < width; i++) {
                marker.add(null);
            }
            marker.add(AggregateSnapshot.SUPPRESSED);
            result.add(marker);
        }
        result.sort(CELL_ORDER);
        return result;
    }

    private List<List<Object>> cells(StatsMeasures.Measure measure, Period period) {
        List<List<Object>> cells = snapshots.countCells(measure, period.from(), period.to());
        cells.sort(CELL_ORDER);
        return cells;
    }

    /** Deterministic order: "all" (null) first, then by value, dimension by dimension. */
    static final Comparator<List<Object>> CELL_ORDER = (a, b) -> {
        for (int i = 0; i < a.size() - 1; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            if (x == null && y == null) {
                continue;
            }
            if (x == null) {
                return -1;
            }
            if (y == null) {
                return 1;
            }
            int c = x.toString().compareTo(y.toString());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };
}
