package org.anaiss.outreach.repository;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Blocking transactions on the reactive pool, for background jobs running on worker threads (launches,
 * mail relay, exports, retention): plain sequential code, each statement awaited, commit or rollback.
 * Never call from an event-loop thread.
 */
@ApplicationScoped
public class Sql {

    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(120);
    private final Pool pool;

    public Sql(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public <T> T inTransaction(Function<SqlConnection, T> work) {
        SqlConnection conn = pool.getConnection().await().atMost(STATEMENT_TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(STATEMENT_TIMEOUT);
            T result;
            try {
                result = work.apply(conn);
            } catch (RuntimeException e) {
                tx.rollback().onFailure().recoverWithNull().await().atMost(STATEMENT_TIMEOUT);
                throw e;
            }
            tx.commit().await().atMost(STATEMENT_TIMEOUT);
            return result;
        } finally {
            conn.close().onFailure().recoverWithNull().await().atMost(STATEMENT_TIMEOUT);
        }
    }

    /**
     * Runs a job's round on one instance at a time: a PostgreSQL advisory lock named after the job is
     * held, on a connection of its own, for the whole round; another instance finding it held skips
     * its round (empty result). The lock goes with the session, so an instance killed mid-round
     * (SIGKILL) frees it as soon as PostgreSQL sees the connection close, and the next round of a
     * survivor takes the work over. The work itself stays idempotent: this saves doing it twice at
     * once, it is not what makes it correct.
     */
    public <T> java.util.Optional<T> exclusively(String job, java.util.function.Supplier<T> work) {
        SqlConnection conn = pool.getConnection().await().atMost(STATEMENT_TIMEOUT);
        try {
            io.vertx.mutiny.sqlclient.Tuple key = io.vertx.mutiny.sqlclient.Tuple.of(LOCK_NAMESPACE + job);
            boolean locked = execute(conn, "select pg_try_advisory_lock(hashtextextended($1, 0))", key)
                    .iterator().next().getBoolean(0);
            if (!locked) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.ofNullable(work.get());
            } finally {
                execute(conn, "select pg_advisory_unlock(hashtextextended($1, 0))", key);
            }
        } finally {
            conn.close().onFailure().recoverWithNull().await().atMost(STATEMENT_TIMEOUT);
        }
    }

    /** Prefix of the advisory locks' names: the database is outreach-service's own, the prefix says whose they are. */
    static final String LOCK_NAMESPACE = "anaiss-outreach-job/";

    /** One statement outside any explicit transaction. */
    public io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> execute(String sql, io.vertx.mutiny.sqlclient.Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(STATEMENT_TIMEOUT);
    }

    /** One statement per row, in one batch on that connection; nothing when there is no row. */
    static void batch(SqlConnection conn, String statement, java.util.List<io.vertx.mutiny.sqlclient.Tuple> rows) {
        if (!rows.isEmpty()) {
            conn.preparedQuery(statement).executeBatch(rows).await().atMost(STATEMENT_TIMEOUT);
        }
    }

    public static io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> execute(SqlConnection conn, String sql,
            io.vertx.mutiny.sqlclient.Tuple args) {
        return conn.preparedQuery(sql).execute(args).await().atMost(STATEMENT_TIMEOUT);
    }
}
