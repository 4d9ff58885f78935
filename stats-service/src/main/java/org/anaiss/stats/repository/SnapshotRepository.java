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
import org.anaiss.stats.events.SnapshotMessage;

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
     * One statement decides under the row lock: a snapshot replaces the stored one only when its
     * version is higher, and a frozen snapshot is replaced only by a frozen one. No row returned:
     * nothing to do (redelivery, or an older version arriving late).
     */
    private static final String UPSERT = """
            insert into snapshot (snapshot_key, producer, measure, granularity, period, version, frozen, event_id,
                                  received_at, produced_at, noise_key_id, epsilon)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict (snapshot_key) do update
               set version = excluded.version, frozen = excluded.frozen, event_id = excluded.event_id,
                   received_at = excluded.received_at, produced_at = excluded.produced_at,
                   noise_key_id = excluded.noise_key_id, epsilon = excluded.epsilon
             where snapshot.version < excluded.version and (excluded.frozen or not snapshot.frozen)
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

    /** The stored facts about one snapshot that an answer cites as its source. */
    public record StoredSnapshot(long id, String period, long version, boolean frozen, String eventId, Instant producedAt,
            Instant receivedAt) {
    }

    /** @return true when the snapshot replaced what was stored (or was the first for its key) */
    public Uni<Boolean> replace(SnapshotMessage s, CellRows cells, String noiseKeyId, double epsilon, Instant now) {
        Tuple snapshot = Tuple.from(List.of(s.key(), s.producer(), s.measure(), s.granularity().name(), s.period(),
                s.version(), s.frozen(), s.eventId(), utc(now), utc(s.producedAt()), noiseKeyId, epsilon));
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT).execute(snapshot)
                .chain(rows -> {
                    if (rows.rowCount() == 0 || !rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    long id = rows.iterator().next().getLong("id");
                    return connection.preparedQuery("delete from cell where snapshot_id = $1").execute(Tuple.of(id))
                            .chain(() -> insertCells(connection, id, cells))
                            .replaceWith(true);
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

    /** The snapshots of one table in a period range, protected with the given noise parameters, by period. */
    public Uni<List<StoredSnapshot>> snapshots(String producer, String measure, Granularity granularity, String from, String to,
            String noiseKeyId, double epsilon) {
        return pool.preparedQuery("""
                select id, period, version, frozen, event_id, produced_at, received_at from snapshot
                 where producer = $1 and measure = $2 and granularity = $3 and period >= $4 and period <= $5
                   and noise_key_id = $6 and epsilon = $7
                 order by period
                """).execute(Tuple.from(List.of(producer, measure, granularity.name(), from, to, noiseKeyId, epsilon)))
                .map(rows -> {
                    List<StoredSnapshot> list = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        list.add(new StoredSnapshot(r.getLong("id"), r.getString("period"), r.getLong("version"),
                                r.getBoolean("frozen"), r.getString("event_id"), r.getOffsetDateTime("produced_at").toInstant(),
                                r.getOffsetDateTime("received_at").toInstant()));
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

    /** Snapshots protected with other noise parameters than these (they are not served). */
    public Uni<Long> countProtectedOtherwise(String noiseKeyId, double epsilon) {
        return pool.preparedQuery("select count(*) from snapshot where noise_key_id <> $1 or epsilon <> $2")
                .execute(Tuple.of(noiseKeyId, epsilon)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Empties the snapshots and their cells, before a rebuild from the topic. */
    public Uni<Void> deleteAll() {
        return pool.query("truncate table cell, snapshot").execute().replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
