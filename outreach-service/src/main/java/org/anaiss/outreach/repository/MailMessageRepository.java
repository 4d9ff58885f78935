package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    /** A message claimed for sending, still encrypted, and how many attempts it has had (this one included). */
    public record Claimed(UUID id, byte[] to, byte[] subject, byte[] body, String keyId, int attempts) {
    }

    static final String CLAIM = "update mail_message set status = 'SENDING', attempts = attempts + 1, lease_until = $1 "
            + "where id in (select id from mail_message where ((status = 'PENDING' and not_before <= $2) "
            + "or (status = 'SENDING' and lease_until < $2)) order by not_before, created_at limit $3 for update skip locked) "
            + "returning id, recipient_ct, subject_ct, body_ct, ct_key, attempts";

    private final Pool pool;
    private final Sql sql;

    public MailMessageRepository(Pool pool, Sql sql) {
        this.pool = pool;
        this.sql = sql;
    }

    /**
     * Blocking (the relay's worker thread): claims up to {@code limit} messages due at {@code now}, or whose sender's
     * lease expired, until {@code leaseUntil}, the oldest due first; rows another instance is claiming are skipped.
     */
    public List<Claimed> claim(Instant leaseUntil, Instant now, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        for (Row r : sql.execute(CLAIM, Tuple.of(Times.utc(leaseUntil), Times.utc(now), limit))) {
            claimed.add(new Claimed(r.getUUID("id"), r.getBuffer("recipient_ct").getBytes(),
                    r.getBuffer("subject_ct").getBytes(), r.getBuffer("body_ct").getBytes(), r.getString("ct_key"),
                    r.getInteger("attempts")));
        }
        return claimed;
    }

    /** Blocking: the SMTP server accepted the message; its recipient, subject and body are erased. */
    public void markSent(UUID id, Instant sentAt) {
        sql.execute("update mail_message set status = 'SENT', sent_at = $2, lease_until = null, recipient_ct = null, "
                + "subject_ct = null, body_ct = null where id = $1 and status = 'SENDING'", Tuple.of(id, Times.utc(sentAt)));
    }

    /** Blocking: the message is given up (its last attempt failed); its recipient, subject and body are erased. */
    public void markFailed(UUID id) {
        sql.execute("update mail_message set status = 'FAILED', lease_until = null, recipient_ct = null, subject_ct = null, "
                + "body_ct = null where id = $1", Tuple.of(id));
    }

    /** Blocking: the attempt failed; the message waits until {@code notBefore} for the next one. */
    public void retryLater(UUID id, Instant notBefore) {
        sql.execute("update mail_message set status = 'PENDING', lease_until = null, not_before = $2 where id = $1 "
                + "and status = 'SENDING'", Tuple.of(id, Times.utc(notBefore)));
    }

    /** Blocking: hands a claimed message back unsent (a graceful stop), its attempt not counted. */
    public void release(UUID id) {
        sql.execute("update mail_message set status = 'PENDING', lease_until = null, attempts = attempts - 1 "
                + "where id = $1 and status = 'SENDING'", Tuple.of(id));
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
