package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.events.CloudEvent;
import org.anaiss.outreach.events.ErasureConfirmedData;
import org.anaiss.outreach.events.OfferAcceptedData;
import org.anaiss.outreach.events.PersonErasureEvent;
import org.anaiss.outreach.repository.Sql;
import org.anaiss.platform.audit.AuditActor;
import org.anaiss.platform.audit.AuditLine;
import org.anaiss.platform.audit.AuditWriter;
import org.anaiss.platform.crypto.FieldCipher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies an erasure decided in case-service, by the person's key, in one transaction with the id of the
 * event (a redelivery changes nothing) and the confirmation for case-service (in the outbox: ids and counts
 * only). A DPO's erasure removes the person's signals, offers (and their letters, answers and outbox
 * events), invitations, registrations and every queued or sent message about them, and rebuilds the mail
 * room's merged letter batches without their letter. Both kinds unlink the person's cases learned from
 * case-events: the rows stay (so a late event of the same case cannot bring it back) with no person key.
 * The objection, if any, stays: it holds the key only, and is what keeps the person from being contacted again.
 * Blocking: call on a worker thread.
 */
@ApplicationScoped
public class PersonErasureService {

    static final String CONSUMER = "outreach-service/person-erasures";
    /** Who erases: case-service's decision applied here, no staff member of outreach. */
    static final AuditActor ERASURE_ACTOR = new AuditActor("erasure", "system", null);
    /** What an unlinked case of case-service keeps: no person; updated "at the end of time", so no later event applies. */
    static final String NO_PERSON = "erased";
    private static final java.time.OffsetDateTime END_OF_TIME = java.time.OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, java.time.ZoneOffset.UTC);
    private final Sql sql;
    private final FieldCipher cipher;
    private final LetterRenderer letters;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditWriter audit;

    public PersonErasureService(Sql sql, FieldCipher cipher, LetterRenderer letters, ObjectMapper json, Clock clock,
            AuditWriter audit) {
        this.audit = audit;
        this.sql = sql;
        this.cipher = cipher;
        this.letters = letters;
        this.json = json;
        this.clock = clock;
    }

    /** @return the confirmation sent, or null when the event had already been applied */
    public ErasureConfirmedData apply(PersonErasureEvent event) {
        Instant now = clock.instant();
        PersonErasureEvent.Data data = event.data();
        return sql.inTransaction(conn -> {
            if (Sql.execute(conn, "insert into processed_event (event_id, consumer, processed_at) values ($1, $2, $3) on conflict do nothing",
                    Tuple.of(event.id(), CONSUMER, Times.utc(now))).rowCount() == 0) {
                return null;
            }
            int unlinked = unlinkCases(conn, data.personKey(), data.caseIds());
            int erased = event.full() ? eraseEverything(conn, data.personKey()) : 0;
            String outcome = !event.full() ? "UNLINKED" : erased + unlinked == 0 ? "NOTHING_HELD" : "ERASED";
            ErasureConfirmedData confirmation = new ErasureConfirmedData(data.erasureId(), ErasureConfirmedData.SERVICE, outcome,
                    erased + unlinked, now);
            confirm(conn, confirmation, now);
            // the erasure itself is in the trail, by the person's key and the erasure's id, like every change of personal data
            audit.append(conn, ERASURE_ACTOR, List.of(AuditLine.of((event.full() ? AuditAction.DELETE : AuditAction.UPDATE).name(),
                    "person", data.erasureId(), data.personKey())));
            return confirmation;
        });
    }

    private static int unlinkCases(SqlConnection conn, String key, List<UUID> caseIds) {
        UUID[] ids = caseIds.toArray(new UUID[0]);
        int n = Sql.execute(conn, "update known_case set person_key = $3, status = 'CLOSED', updated_at = $4 "
                + "where person_key = $1 or case_id = any($2)", Tuple.of(key, ids, NO_PERSON, END_OF_TIME)).rowCount();
        // a case not seen yet (its events still on the way) is recorded closed now, so they find it settled
        Sql.execute(conn, "insert into known_case (case_id, person_key, region, status, updated_at) "
                + "select c, $2, 'ERASED', 'CLOSED', $3 from unnest($1::uuid[]) c on conflict (case_id) do nothing",
                Tuple.of(ids, NO_PERSON, END_OF_TIME));
        return n;
    }

    private int eraseEverything(SqlConnection conn, String key) {
        Tuple k = Tuple.of(key);
        int n = 0;
        n += Sql.execute(conn, "delete from mail_message where dedupe_key in ("
                + "select 'offer:' || id from offer where person_key = $1 "
                + "union all select 'invitation:' || id from invitation where person_key = $1 "
                + "union all select p || r.id from registration r, unnest(array['registration:', 'promotion:', 'reminder:']) p "
                + "where r.person_key = $1)", k).rowCount();
        n += Sql.execute(conn, "delete from outbox_event where type = $2 and record_key in (select id::text from offer where person_key = $1)",
                Tuple.of(key, OfferAcceptedData.TYPE)).rowCount();
        List<Tuple> batches = new ArrayList<>();
        for (Row r : Sql.execute(conn, "select distinct campaign_id, letter_batch from offer where person_key = $1 "
                + "and letter_batch is not null", k)) {
            batches.add(Tuple.of(r.getUUID("campaign_id"), r.getInteger("letter_batch")));
        }
        n += Sql.execute(conn, "delete from registration where person_key = $1", k).rowCount();
        n += Sql.execute(conn, "delete from invitation where person_key = $1", k).rowCount();
        // their letters go with them (offer_letter: on delete cascade)
        n += Sql.execute(conn, "delete from offer where person_key = $1", k).rowCount();
        n += Sql.execute(conn, "delete from signal where person_key = $1", k).rowCount();
        for (Tuple batch : batches) {
            rebuildBatch(conn, batch.getUUID(0), batch.getInteger(1));
        }
        return n;
    }

    /** The mail room's merged PDF of a batch, again from the letters left in it (deleted when none is left). */
    private void rebuildBatch(SqlConnection conn, UUID campaignId, int batchNo) {
        List<byte[]> left = new ArrayList<>();
        for (Row r : Sql.execute(conn, "select l.offer_id, l.pdf_ct, l.pdf_key from offer o join offer_letter l on l.offer_id = o.id "
                + "where o.campaign_id = $1 and o.letter_batch = $2 order by o.sent_at, o.id", Tuple.of(campaignId, batchNo))) {
            left.add(cipher.open(r.getString("pdf_key"), r.getBuffer("pdf_ct").getBytes(),
                    LaunchWorker.letterPlace(r.getUUID("offer_id"))));
        }
        if (left.isEmpty()) {
            Sql.execute(conn, "delete from letter_batch where campaign_id = $1 and batch_no = $2", Tuple.of(campaignId, batchNo));
            return;
        }
        FieldCipher.Sealed sealed = cipher.seal(letters.merge(left), LaunchWorker.batchPlace(campaignId, batchNo));
        Sql.execute(conn, "update letter_batch set pdf_ct = $3, pdf_key = $4, letters = $5 where campaign_id = $1 and batch_no = $2",
                Tuple.tuple().addUUID(campaignId).addInteger(batchNo).addBuffer(Buffer.buffer(sealed.ciphertext()))
                        .addString(sealed.keyId()).addInteger(left.size()));
    }

    private void confirm(SqlConnection conn, ErasureConfirmedData confirmation, Instant now) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(new CloudEvent<>("1.0", id.toString(), CloudEvent.SOURCE, ErasureConfirmedData.TYPE, now,
                    "application/json", confirmation.erasureId().toString(), confirmation));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("confirmation not serialisable", e);
        }
        // no personal data in it: kept in clear like the statistics snapshots
        Sql.execute(conn, "insert into outbox_event (id, topic, record_key, type, payload, created_at) values ($1, $2, $3, $4, $5, $6)",
                Tuple.tuple().addUUID(id).addString(ErasureConfirmedData.TOPIC).addString(confirmation.erasureId().toString())
                        .addString(ErasureConfirmedData.TYPE).addString(payload).addOffsetDateTime(Times.utc(now)));
    }
}
