package org.anaiss.stats.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the disclosure control has promised so far, kept in the database so a restart, a rebuild or a
 * new configuration cannot break it: the key versions that protected released figures, the highest
 * threshold applied, and how each stored period was protected.
 */
@ApplicationScoped
public class ProtectionRepository {

    private final Pool pool;

    public ProtectionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A key version as first registered (its secret represented by a fingerprint). */
    public record KeyVersion(String id, LocalDate activation, double epsilon, byte[] fingerprint) {
    }

    /** How the released snapshots of one period were protected, and how many there are. */
    public record ProtectedPeriod(String granularity, String period, String keyId, double epsilon, long snapshots) {
    }

    public Uni<List<KeyVersion>> keyVersions() {
        return pool.query("select key_id, activation, epsilon, fingerprint from noise_key_version order by activation").execute()
                .map(rows -> {
                    List<KeyVersion> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new KeyVersion(r.getString(0), r.getLocalDate(1), r.getDouble(2), r.getBuffer(3).getBytes()));
                    }
                    return list;
                });
    }

    /** Registers a key version seen for the first time; one already registered is left as it is. */
    public Uni<Void> register(KeyVersion key, Instant now) {
        return pool.preparedQuery("""
                insert into noise_key_version (key_id, activation, epsilon, fingerprint, registered_at)
                values ($1, $2, $3, $4, $5) on conflict (key_id) do nothing
                """).execute(Tuple.of(key.id(), key.activation(), key.epsilon(),
                io.vertx.core.buffer.Buffer.buffer(key.fingerprint()), now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Every stored period with the key and epsilon its snapshots were protected with. */
    public Uni<List<ProtectedPeriod>> protectedPeriods() {
        return pool.query("""
                select granularity, period, noise_key_id, epsilon, count(*) from snapshot
                 group by granularity, period, noise_key_id, epsilon order by granularity, period
                """).execute().map(rows -> {
                    List<ProtectedPeriod> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new ProtectedPeriod(r.getString(0), r.getString(1), r.getString(2), r.getDouble(3), r.getLong(4)));
                    }
                    return list;
                });
    }

    public Uni<Optional<Integer>> highestThreshold() {
        return pool.query("select threshold from disclosure_floor where id = 1").execute()
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger(0)));
    }

    /** Records k as the highest applied when it is (never lowers it). */
    public Uni<Void> raiseThreshold(int k, Instant now) {
        return pool.preparedQuery("""
                insert into disclosure_floor (id, threshold, raised_at) values (1, $1, $2)
                on conflict (id) do update set threshold = excluded.threshold, raised_at = excluded.raised_at
                 where disclosure_floor.threshold < excluded.threshold
                """).execute(Tuple.of(k, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }
}
