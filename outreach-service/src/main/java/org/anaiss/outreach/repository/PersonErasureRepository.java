package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an erasure decided in case-service removes or unlinks here, by the person's key, each statement in the
 * erasure's transaction on that connection (blocking, a worker thread's job).
 */
@ApplicationScoped
public class PersonErasureRepository {

    /** A merged batch of letters, by campaign and number. */
    public record BatchRef(UUID campaignId, int batchNo) {
    }

    /** One offer's letter, encrypted. */
    public record SealedLetter(UUID offerId, byte[] ciphertext, String keyId) {
    }

    /** Records the event as applied by that consumer; false when it already was (a redelivery). */
    public boolean recordProcessed(SqlConnection conn, String eventId, String consumer, Instant now) {
        return Sql.execute(conn, "insert into processed_event (event_id, consumer, processed_at) values ($1, $2, $3) on conflict do nothing",
                Tuple.of(eventId, consumer, Times.utc(now))).rowCount() != 0;
    }

    /**
     * Unlinks the person's cases and the named ones (person key replaced, closed, updated at {@code updatedAt}), and
     * records those not seen yet as closed the same way; returns how many known cases were unlinked.
     */
    public int unlinkCases(SqlConnection conn, String personKey, UUID[] caseIds, String noPerson, OffsetDateTime updatedAt) {
        int n = Sql.execute(conn, "update known_case set person_key = $3, status = 'CLOSED', updated_at = $4 "
                + "where person_key = $1 or case_id = any($2)", Tuple.of(personKey, caseIds, noPerson, updatedAt)).rowCount();
        // a case not seen yet (its events still on the way) is recorded closed now, so they find it settled
        Sql.execute(conn, "insert into known_case (case_id, person_key, region, status, updated_at) "
                + "select c, $2, 'ERASED', 'CLOSED', $3 from unnest($1::uuid[]) c on conflict (case_id) do nothing",
                Tuple.of(caseIds, noPerson, updatedAt));
        return n;
    }

    /** Every message queued or sent about the person's offers, invitations and registrations. */
    public int deleteMessagesOf(SqlConnection conn, String personKey) {
        return Sql.execute(conn, "delete from mail_message where dedupe_key in ("
                + "select 'offer:' || id from offer where person_key = $1 "
                + "union all select 'invitation:' || id from invitation where person_key = $1 "
                + "union all select p || r.id from registration r, unnest(array['registration:', 'promotion:', 'reminder:']) p "
                + "where r.person_key = $1)", Tuple.of(personKey)).rowCount();
    }

    /** The outbox events of that type about the person's offers (an accepted offer not yet sent to case-service). */
    public int deleteOfferEventsOf(SqlConnection conn, String personKey, String type) {
        return Sql.execute(conn, "delete from outbox_event where type = $2 and record_key in (select id::text from offer where person_key = $1)",
                Tuple.of(personKey, type)).rowCount();
    }

    /** The merged batches holding one of the person's letters. */
    public List<BatchRef> listBatchesOf(SqlConnection conn, String personKey) {
        List<BatchRef> batches = new ArrayList<>();
        for (Row r : Sql.execute(conn, "select distinct campaign_id, letter_batch from offer where person_key = $1 "
                + "and letter_batch is not null", Tuple.of(personKey))) {
            batches.add(new BatchRef(r.getUUID("campaign_id"), r.getInteger("letter_batch")));
        }
        return batches;
    }

    public int deleteRegistrationsOf(SqlConnection conn, String personKey) {
        return Sql.execute(conn, "delete from registration where person_key = $1", Tuple.of(personKey)).rowCount();
    }

    public int deleteInvitationsOf(SqlConnection conn, String personKey) {
        return Sql.execute(conn, "delete from invitation where person_key = $1", Tuple.of(personKey)).rowCount();
    }

    /** The person's offers; their letters go with them (offer_letter: on delete cascade). */
    public int deleteOffersOf(SqlConnection conn, String personKey) {
        return Sql.execute(conn, "delete from offer where person_key = $1", Tuple.of(personKey)).rowCount();
    }

    public int deleteSignalsOf(SqlConnection conn, String personKey) {
        return Sql.execute(conn, "delete from signal where person_key = $1", Tuple.of(personKey)).rowCount();
    }

    /** The letters left in a batch, in the order they were sent. */
    public List<SealedLetter> listLettersOfBatch(SqlConnection conn, UUID campaignId, int batchNo) {
        List<SealedLetter> left = new ArrayList<>();
        for (Row r : Sql.execute(conn, "select l.offer_id, l.pdf_ct, l.pdf_key from offer o join offer_letter l on l.offer_id = o.id "
                + "where o.campaign_id = $1 and o.letter_batch = $2 order by o.sent_at, o.id", Tuple.of(campaignId, batchNo))) {
            left.add(new SealedLetter(r.getUUID("offer_id"), r.getBuffer("pdf_ct").getBytes(), r.getString("pdf_key")));
        }
        return left;
    }

    public void deleteLetterBatch(SqlConnection conn, UUID campaignId, int batchNo) {
        Sql.execute(conn, "delete from letter_batch where campaign_id = $1 and batch_no = $2", Tuple.of(campaignId, batchNo));
    }

    /** Replaces a batch's merged PDF (encrypted) and its count of letters. */
    public void updateLetterBatch(SqlConnection conn, UUID campaignId, int batchNo, byte[] ciphertext, String keyId, int letters) {
        Sql.execute(conn, "update letter_batch set pdf_ct = $3, pdf_key = $4, letters = $5 where campaign_id = $1 and batch_no = $2",
                Tuple.tuple().addUUID(campaignId).addInteger(batchNo).addBuffer(Buffer.buffer(ciphertext))
                        .addString(keyId).addInteger(letters));
    }
}
