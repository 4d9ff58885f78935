package org.anaiss.outreach.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;


import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the retention job deletes (DESIGN.md §4), each in the job's transaction on that connection (blocking, a worker
 * thread's job); each returns the number of rows deleted.
 */
@ApplicationScoped
public class RetentionRepository {

    /** The queued or sent messages of answered or expired offers whose deadline passed before that instant. */
    public int deleteOfferMails(SqlConnection conn, Instant expiredBefore) {
        return run(conn, "delete from mail_message where dedupe_key in (select 'offer:' || id from offer "
                + "where expires_at < $1 and status <> 'PENDING')", expiredBefore);
    }

    /** Offers (answers and letters with them) whose deadline passed before that instant, unless still to deliver. */
    public int deleteOffers(SqlConnection conn, Instant expiredBefore) {
        return run(conn, "delete from offer where expires_at < $1 and status <> 'PENDING'", expiredBefore);
    }

    /** Merged letter batches of campaigns whose deadline passed before that instant, once no offer refers to them. */
    public int deleteLetterBatches(SqlConnection conn, Instant deadlineBefore) {
        return run(conn, "delete from letter_batch b using campaign c where c.id = b.campaign_id "
                + "and c.answer_deadline < ($1::timestamptz)::date and not exists (select 1 from offer o where o.campaign_id = c.id "
                + "and o.letter_batch = b.batch_no)", deadlineBefore);
    }

    /** Collective actions whose last session ended before that instant (created before it too), with everything under them. */
    public int deleteCollectiveActions(SqlConnection conn, Instant lastSessionEndedBefore) {
        return run(conn, "delete from collective_action a where not exists (select 1 "
                + "from action_session s where s.action_id = a.id and s.starts_at + s.duration_minutes * interval '1 minute' >= $1) "
                + "and a.created_at < $1", lastSessionEndedBefore);
    }

    /** Signals received before that instant that led to no offer and no invitation. */
    public int deleteSignalsWithoutOffer(SqlConnection conn, Instant receivedBefore) {
        return run(conn, "delete from signal s where s.received_at < $1 and not exists "
                + "(select 1 from offer o where o.signal_id = s.id) and not exists (select 1 from invitation i where i.signal_id = s.id)",
                receivedBefore);
    }

    /** Partners' idempotency records created before that instant. */
    public int deleteIdempotencyRecords(SqlConnection conn, Instant createdBefore) {
        return run(conn, "delete from idempotency_record where created_at < $1", createdBefore);
    }

    /** Messages sent, cancelled or given up, queued before that instant. */
    public int deleteFinishedMails(SqlConnection conn, Instant createdBefore) {
        return run(conn, "delete from mail_message where status in ('SENT', 'CANCELLED', 'FAILED') and created_at < $1",
                createdBefore);
    }

    private static int run(SqlConnection conn, String statement, Instant before) {
        return Sql.execute(conn, statement, Tuple.of(Times.utc(before))).rowCount();
    }
}
