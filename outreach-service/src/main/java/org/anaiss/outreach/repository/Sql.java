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

    /** One statement outside any explicit transaction. */
    public io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> execute(String sql, io.vertx.mutiny.sqlclient.Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(STATEMENT_TIMEOUT);
    }

    public static io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> execute(SqlConnection conn, String sql,
            io.vertx.mutiny.sqlclient.Tuple args) {
        return conn.preparedQuery(sql).execute(args).await().atMost(STATEMENT_TIMEOUT);
    }
}
