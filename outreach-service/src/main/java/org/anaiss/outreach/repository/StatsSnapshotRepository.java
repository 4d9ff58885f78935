package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;


import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statistics' sources and releases, blocking on the reactive pool ({@link Sql}; worker threads only): each
 * measure's counts and staff rows for a period ({@link StatsMeasures}), and the record of each table released
 * (table stats_snapshot).
 */
@ApplicationScoped
public class StatsSnapshotRepository {

    /** A unit counted by a regional measure, and the officer whose campaign or action it belongs to (may be null). */
    public record StaffRow(String region, String officer, String unit) {
    }

    private final Sql sql;

    public StatsSnapshotRepository(Sql sql) {
        this.sql = sql;
    }

    /** Whether that table was released already. */
    public boolean isReleased(String measure, String granularity, String period) {
        return sql.execute("select 1 from stats_snapshot where measure = $1 and granularity = $2 and period = $3",
                Tuple.of(measure, granularity, period)).size() > 0;
    }

    /** The measure's cells for [from, to): its dimensions' values (null: all), then the count; in no particular order. */
    public List<List<Object>> countCells(StatsMeasures.Measure measure, Instant from, Instant to) {
        int dims = measure.dimensions().size();
        List<List<Object>> cells = new ArrayList<>();
        for (Row r : sql.execute(measure.query(), Tuple.of(Times.utc(from), Times.utc(to)))) {
            List<Object> cell = new ArrayList<>(dims + 1);
            for (int i = 0; i < dims; i++) {
                cell.add(r.getString(i));
            }
            cell.add(r.getLong(dims));
            cells.add(cell);
        }
        return cells;
    }

    /** The staff rows of a regional measure for [from, to). */
    public List<StaffRow> listStaffRows(StatsMeasures.Measure measure, Instant from, Instant to) {
        List<StaffRow> rows = new ArrayList<>();
        for (Row r : sql.execute(measure.staff(), Tuple.of(Times.utc(from), Times.utc(to)))) {
            rows.add(new StaffRow(r.getString(0), r.getString(1), r.getString(2)));
        }
        return rows;
    }

    /** In the release's transaction: records the table as released; false when another instance released it meanwhile. */
    public boolean recordRelease(SqlConnection conn, String measure, String granularity, String period, long version, Instant now) {
        return Sql.execute(conn, "insert into stats_snapshot (measure, granularity, period, version, released_at) "
                + "values ($1, $2, $3, $4, $5) on conflict (measure, granularity, period) do nothing",
                Tuple.tuple().addString(measure).addString(granularity).addString(period)
                        .addLong(version).addOffsetDateTime(Times.utc(now))).rowCount() != 0;
    }
}
