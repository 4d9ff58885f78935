package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The mail queue's messages (table mail_message), already encrypted by the caller. */
@ApplicationScoped
public class MailMessageRepository {

    /** The queue at one instant: messages waiting or being sent, messages given up, and since when the oldest due is due (or null). */
    public record QueueState(long queued, long failed, Instant oldest) {
    }

    private final Pool pool;

    public MailMessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** The queue's state now, counts only; on a connection of the pool, outside any session. */
    public Uni<QueueState> sampleQueue() {
        return pool.query("select count(*) filter (where status <> 'FAILED') as queued, count(*) filter (where status = 'FAILED') as failed, "
                + "min(not_before) filter (where status <> 'FAILED' and not_before <= now()) as oldest from mail_message "
                + "where status in ('PENDING', 'SENDING', 'FAILED')").execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime oldest = row.getOffsetDateTime("oldest");
                    return new QueueState(row.getLong("queued"), row.getLong("failed"), oldest == null ? null : oldest.toInstant());
                });
    }

    /** Queues one message (rows built by MailQueue.row): at most once per dedupe key. */
    public static final String INSERT = "insert into mail_message (id, dedupe_key, recipient_ct, subject_ct, body_ct, ct_key, status, "
            + "attempts, not_before, created_at) values ($1, $2, $3, $4, $5, $6, 'PENDING', 0, $7, $8) "
            + "on conflict (dedupe_key) do nothing";

    /** In the caller's transaction on that connection: queues one message; false when that key was already queued. */
    public boolean insert(SqlConnection conn, Tuple row) {
        return Sql.execute(conn, INSERT, row).rowCount() == 1;
    }

    /** In the caller's transaction on that connection: queues the messages, one statement per row in one batch. */
    public void insertBatch(SqlConnection conn, List<Tuple> rows) {
        conn.preparedQuery(INSERT).executeBatch(rows).await().atMost(Sql.STATEMENT_TIMEOUT);
    }

    /**
     * In the current Hibernate Reactive transaction: queues a message to send from {@code now}; 1 when queued, 0 when
     * that dedupe key was already queued (a message is sent at most once per key).
     */
    public Uni<Integer> insertPending(UUID id, String dedupeKey, byte[] recipient, byte[] subject, byte[] body, String keyId,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into mail_message (id, dedupe_key, "
                + "recipient_ct, subject_ct, body_ct, ct_key, status, attempts, not_before, created_at) "
                + "values (:id, :k, :to, :s, :b, :key, 'PENDING', 0, :t, :t) on conflict (dedupe_key) do nothing")
                .setParameter("id", id).setParameter("k", dedupeKey).setParameter("to", recipient)
                .setParameter("s", subject).setParameter("b", body).setParameter("key", keyId)
                .setParameter("t", now).executeUpdate());
    }
}
