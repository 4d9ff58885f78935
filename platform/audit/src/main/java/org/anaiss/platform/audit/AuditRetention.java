package org.anaiss.platform.audit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The retention of an audit trail, the same in every service: months ahead are created, months past the
 * retention are dropped whole, and the readings of the trail go when they are older than the retention
 * and than a year (the bound the readings' trigger enforces). Rows are timed by the database clock, so
 * their months are judged by it too. Run by each service's own retention job, in its transaction.
 */
@ApplicationScoped
public class AuditRetention {

    /** What one pass removed. */
    public record Result(int monthsDropped, int readingsDeleted) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String ENSURE = "select audit_ensure_partitions(current_date, 3)";
    private static final String DROP = "select audit_drop_partitions_before(current_date - %s)";
    private static final String READINGS = "delete from audit_reading where read_at < current_date - %s "
            + "and read_at < now() - interval '365 days'";

    /** Reactive, in the current session's transaction (Panache.withTransaction). */
    public Uni<Result> apply(Duration keep) {
        return Panache.getSession().chain(session -> apply(session, keep));
    }

    /** Reactive, in the session's transaction. */
    public Uni<Result> apply(Mutiny.Session session, Duration keep) {
        int days = (int) keep.toDays();
        return session.createNativeQuery(ENSURE, Integer.class).getSingleResult()
                .chain(() -> session.createNativeQuery(DROP.formatted("cast(:days as integer)"), Integer.class)
                        .setParameter("days", days).getSingleResult())
                .chain(months -> session.createNativeQuery(READINGS.formatted("cast(:days as integer)"))
                        .setParameter("days", days).executeUpdate()
                        .map(readings -> new Result(months, readings)));
    }

    /** Blocking, on a connection whose transaction the caller holds (worker threads only). */
    public Result apply(SqlConnection conn, Duration keep) {
        Tuple days = Tuple.of((int) keep.toDays());
        conn.preparedQuery(ENSURE).execute(Tuple.tuple()).await().atMost(TIMEOUT);
        int months = conn.preparedQuery(DROP.formatted("$1::int")).execute(days).await().atMost(TIMEOUT)
                .iterator().next().getInteger(0);
        int readings = conn.preparedQuery(READINGS.formatted("$1::int")).execute(days).await().atMost(TIMEOUT).rowCount();
        return new Result(months, readings);
    }
}
