package org.anaiss.stats.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.SnapshotMessage;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Snapshots and their cells, in plain SQL on the reactive pool: a snapshot and its cells are
 * replaced in one transaction, and a table query reads one grouping set of a few dozen snapshots
 * through one index.
 */
@ApplicationScoped
public class SnapshotRepository {

    /**
     * The first snapshot of a key is kept: a later one inserts nothing (no row returned), and is then
     * compared with what is stored by its digest.
     */
    private static final String INSERT_ONCE = """
            insert into snapshot (snapshot_key, producer, measure, granularity, period, version, event_id, received_at,
                                  produced_at, noise_key_id, epsilon, content_sha256, suppressed_regions)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            on conflict (snapshot_key) do nothing
            returning id
            """;
    private static final String INSERT_CELLS = "insert into cell (snapshot_id, grouping_set, "
            + Arrays.stream(Dimension.values()).map(Dimension::column).collect(Collectors.joining(", "))
            + ", noisy_count) select $1, * from unnest($2::int2[], "
            + Arrays.stream(Dimension.values()).map(d -> "$" + (d.ordinal() + 3) + "::varchar[]").collect(Collectors.joining(", "))
            + ", $" + (Dimension.values().length + 3) + "::int4[])";

    private final Pool pool;

    public SnapshotRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored facts about one released snapshot that an answer cites as its source. */
    public record StoredSnapshot(long id, String period, long version, String eventId, Instant producedAt,
            Instant receivedAt, String noiseKeyId, double epsilon, List<String> suppressedRegions) {

        public StoredSnapshot {
            suppressedRegions = List.copyOf(suppressedRegions);
        }
    }

    /** What became of a snapshot offered for storage. */
    public enum Stored {
        /** The first of its key: stored, with its cells. */
        STORED,
        /** Its key holds a snapshot with the same content (a redelivery): nothing changes. */
        SAME,
        /** Its key holds a snapshot with other content: refused, the released one is kept. */
        DIFFERENT
    }

    /**
     * Stores the one release of a key, with its cells, in one transaction. A released snapshot is
     * never replaced: a later one for the same key changes nothing.
     */
    public Uni<Stored> storeOnce(SnapshotMessage s, byte[] digest, CellRows cells, String noiseKeyId, double epsilon, Instant now) {
        Tuple snapshot = Tuple.from(List.of(s.key(), s.producer(), s.measure(), s.granularity().name(), s.period(),
                s.version(), s.eventId(), utc(now), utc(s.producedAt()), noiseKeyId, epsilon,
                io.vertx.core.buffer.Buffer.buffer(digest), s.suppressedRegions().toArray(String[]::new)));
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT_ONCE).execute(snapshot)
                .chain(rows -> {
                    if (rows.rowCount() == 0 || !rows.iterator().hasNext()) {
                        return connection.preparedQuery("select content_sha256 from snapshot where snapshot_key = $1")
                                .execute(Tuple.of(s.key())).map(stored -> java.util.Arrays.equals(
                                        stored.iterator().next().getBuffer(0).getBytes(), digest) ? Stored.SAME : Stored.DIFFERENT);
                    }
                    long id = rows.iterator().next().getLong("id");
                    return insertCells(connection, id, cells).replaceWith(Stored.STORED);
                }));
    }

    private static Uni<Void> insertCells(SqlConnection connection, long snapshotId, CellRows cells) {
        if (cells.size() == 0) {
            return Uni.createFrom().voidItem();
        }
        List<Object> params = new ArrayList<>();
        params.add(snapshotId);
        params.add(cells.groupingSets());
        for (Dimension d : Dimension.values()) {
            params.add(cells.column(d));
        }
        params.add(cells.noisyCounts());
        return connection.preparedQuery(INSERT_CELLS).execute(Tuple.from(params)).replaceWithVoid();
    }

    /** A period released for a table. */
    public record ReleasedPeriod(String producer, String measure, Granularity granularity, String period) {
    }

    /** Every released period of every table, by table, granularity and period. */
    public Uni<List<ReleasedPeriod>> releasedPeriods() {
        return pool.query("select producer, measure, granularity, period from snapshot order by producer, measure, granularity, period")
                .execute().map(rows -> {
                    List<ReleasedPeriod> list = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        list.add(new ReleasedPeriod(r.getString("producer"), r.getString("measure"),
                                Granularity.valueOf(r.getString("granularity")), r.getString("period")));
                    }
                    return list;
                });
    }

    /** The released snapshots of one table in a period range, by period. */
    public Uni<List<StoredSnapshot>> snapshots(String producer, String measure, Granularity granularity, String from, String to) {
        return pool.preparedQuery("""
                select id, period, version, event_id, produced_at, received_at, noise_key_id, epsilon, suppressed_regions
                  from snapshot
                 where producer = $1 and measure = $2 and granularity = $3 and period >= $4 and period <= $5
                 order by period
                """).execute(Tuple.from(List.of(producer, measure, granularity.name(), from, to)))
                .map(rows -> {
                    List<StoredSnapshot> list = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        list.add(new StoredSnapshot(r.getLong("id"), r.getString("period"), r.getLong("version"),
                                r.getString("event_id"), r.getOffsetDateTime("produced_at").toInstant(),
                                r.getOffsetDateTime("received_at").toInstant(), r.getString("noise_key_id"), r.getDouble("epsilon"),
                                Arrays.asList(r.getArrayOfStrings("suppressed_regions"))));
                    }
                    return list;
                });
    }

    /**
     * One grouping set of these snapshots, whole (an answer's filters are applied in memory, so the
     * block read serves other filters too), with the version each snapshot had when read: its cells
     * and its version change together, in one transaction.
     * @param grouped the dimensions of the grouping set, in the order of the values of each returned row
     * @return rows of [snapshot id, version, values of the grouped dimensions..., noisy count]; a
     *         snapshot without a cell in this grouping set gives one row whose count is null
     */
    public Uni<RowSet<Row>> groupingSets(long[] snapshotIds, List<Dimension> grouped) {
        int mask = grouped.stream().mapToInt(Dimension::bit).sum();
        StringBuilder sql = new StringBuilder("select s.id, s.version");
        // the column names are constants of the whitelist, never caller text
        grouped.forEach(d -> sql.append(", c.").append(d.column()));
        sql.append(", c.noisy_count from snapshot s left join cell c on c.snapshot_id = s.id and c.grouping_set = $2")
                .append(" where s.id = any($1)");
        return pool.preparedQuery(sql.toString())
                .execute(Tuple.of(Arrays.stream(snapshotIds).boxed().toArray(Long[]::new), (short) mask));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
