package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.events.AggregateSnapshot;
import org.anaiss.outreach.events.CloudEvent;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes aggregate snapshots on stats-aggregates through the outbox: for each measure, the current
 * and the previous period at each granularity (month, quarter, year). A period closed for longer than
 * the freeze delay is published once more as frozen, then never recomputed (its source rows may be
 * purged later). Versions are the producer clock in milliseconds, always increasing per table.
 */
@ApplicationScoped
public class StatsExporter {

    private static final Logger LOG = Logger.getLogger(StatsExporter.class);

    /** One table to compute: a measure for one period. */
    record Period(String granularity, String label, Instant from, Instant to) {
    }

    private final Sql sql;
    private final ObjectMapper json;
    private final OutreachConfig config;
    private final Clock clock;

    public StatsExporter(Sql sql, ObjectMapper json, OutreachConfig config, Clock clock) {
        this.sql = sql;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.stats.interval:1h}", delayed = "${anaiss.outreach.stats.initial-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "stats-exporter")
    void scheduled() {
        try {
            export();
        } catch (RuntimeException e) {
            LOG.warnf("stats export failed (%s); retrying next round", e.getClass().getSimpleName());
        }
    }

    /**
     * One export; returns the number of snapshots put in the outbox. One at a time per instance; two
     * instances exporting at once publish the same counts twice, which the consumer absorbs (it keeps
     * the highest version of a table).
     */
    public synchronized int export() {
        Instant now = clock.instant();
        int published = 0;
        for (StatsMeasures.Measure measure : StatsMeasures.ALL) {
            for (Period period : periods(now, config.zone())) {
                if (publish(measure, period, now)) {
                    published++;
                }
            }
        }
        return published;
    }

    static List<Period> periods(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<Period> periods = new ArrayList<>();
        YearMonth month = YearMonth.from(today);
        for (YearMonth m : List.of(month, month.minusMonths(1))) {
            periods.add(new Period("MONTH", m.toString(), start(m.atDay(1), zone), start(m.plusMonths(1).atDay(1), zone)));
        }
        LocalDate quarterStart = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
        for (LocalDate q : List.of(quarterStart, quarterStart.minusMonths(3))) {
            periods.add(new Period("QUARTER", q.getYear() + "-Q" + ((q.getMonthValue() - 1) / 3 + 1), start(q, zone),
                    start(q.plusMonths(3), zone)));
        }
        for (int year : List.of(today.getYear(), today.getYear() - 1)) {
            periods.add(new Period("YEAR", String.valueOf(year), start(LocalDate.of(year, 1, 1), zone),
                    start(LocalDate.of(year + 1, 1, 1), zone)));
        }
        return periods;
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private boolean publish(StatsMeasures.Measure measure, Period period, Instant now) {
        var previous = sql.execute("select version, frozen from stats_snapshot where measure = $1 and granularity = $2 and period = $3",
                Tuple.of(measure.name(), period.granularity(), period.label()));
        long lastVersion = 0;
        if (previous.size() > 0) {
            Row r = previous.iterator().next();
            if (r.getBoolean("frozen")) {
                return false;
            }
            lastVersion = r.getLong("version");
        }
        boolean frozen = !now.isBefore(period.to().plus(config.stats().freezeAfter()));
        List<List<Object>> cells = cells(measure, period);
        long version = Math.max(now.toEpochMilli(), lastVersion + 1);
        String key = AggregateSnapshot.key(measure.name(), period.granularity(), period.label());
        AggregateSnapshot data = new AggregateSnapshot(AggregateSnapshot.PRODUCER, measure.name(), period.granularity(),
                period.label(), version, frozen, measure.dimensions(), cells);
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(new CloudEvent<>("1.0", id.toString(), CloudEvent.SOURCE, AggregateSnapshot.TYPE, now,
                    "application/json", key, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("snapshot not serialisable", e);
        }
        sql.inTransaction(conn -> {
            Sql.execute(conn, "insert into stats_snapshot (measure, granularity, period, version, frozen, published_at) "
                    + "values ($1, $2, $3, $4, $5, $6) on conflict (measure, granularity, period) do update set "
                    + "version = excluded.version, frozen = excluded.frozen, published_at = excluded.published_at",
                    Tuple.tuple().addString(measure.name()).addString(period.granularity()).addString(period.label())
                            .addLong(version).addBoolean(frozen).addOffsetDateTime(Times.utc(now)));
            Sql.execute(conn, "insert into outbox_event (id, topic, record_key, type, payload, created_at) values ($1, $2, $3, $4, $5, $6)",
                    Tuple.tuple().addUUID(id).addString(AggregateSnapshot.TOPIC).addString(key).addString(AggregateSnapshot.TYPE)
                            .addString(payload).addOffsetDateTime(Times.utc(now)));
            return null;
        });
        return true;
    }

    private List<List<Object>> cells(StatsMeasures.Measure measure, Period period) {
        int dims = measure.dimensions().size();
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : sql.execute(measure.query(), Tuple.of(Times.utc(period.from()), Times.utc(period.to())))) {
            List<Object> cell = new ArrayList<>(dims + 1);
            for (int i = 0; i < dims; i++) {
                cell.add(r.getString(i));
            }
            cell.add(r.getLong(dims));
            cells.add(cell);
        }
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
