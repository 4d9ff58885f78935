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
import org.anaiss.outreach.repository.OutboxEventRepository;
import org.anaiss.outreach.repository.PersonErasureRepository;
import org.anaiss.outreach.repository.Sql;
import org.anaiss.platform.audit.AuditActor;
import org.anaiss.platform.audit.AuditLine;
import org.anaiss.platform.audit.AuditWriter;
import org.anaiss.platform.crypto.FieldCipher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.mutiny.sqlclient.SqlConnection;

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
    private final PersonErasureRepository erasures;
    private final OutboxEventRepository outboxEvents;

    public PersonErasureService(Sql sql, FieldCipher cipher, LetterRenderer letters, ObjectMapper json, Clock clock,
            AuditWriter audit, PersonErasureRepository erasures, OutboxEventRepository outboxEvents) {
        this.audit = audit;
        this.erasures = erasures;
        this.outboxEvents = outboxEvents;
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
            if (!erasures.recordProcessed(conn, event.id(), CONSUMER, now)) {
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

    private int unlinkCases(SqlConnection conn, String key, List<UUID> caseIds) {
        return erasures.unlinkCases(conn, key, caseIds.toArray(new UUID[0]), NO_PERSON, END_OF_TIME);
    }

    private int eraseEverything(SqlConnection conn, String key) {
        int n = 0;
        n += erasures.deleteMessagesOf(conn, key);
        n += erasures.deleteOfferEventsOf(conn, key, OfferAcceptedData.TYPE);
        List<PersonErasureRepository.BatchRef> batches = erasures.listBatchesOf(conn, key);
        n += erasures.deleteRegistrationsOf(conn, key);
        n += erasures.deleteInvitationsOf(conn, key);
        // their letters go with them (offer_letter: on delete cascade)
        n += erasures.deleteOffersOf(conn, key);
        n += erasures.deleteSignalsOf(conn, key);
        for (PersonErasureRepository.BatchRef batch : batches) {
            rebuildBatch(conn, batch.campaignId(), batch.batchNo());
        }
        return n;
    }

    /** The mail room's merged PDF of a batch, again from the letters left in it (deleted when none is left). */
    private void rebuildBatch(SqlConnection conn, UUID campaignId, int batchNo) {
        List<byte[]> left = new ArrayList<>();
        for (PersonErasureRepository.SealedLetter l : erasures.listLettersOfBatch(conn, campaignId, batchNo)) {
            left.add(cipher.open(l.keyId(), l.ciphertext(), LaunchWorker.letterPlace(l.offerId())));
        }
        if (left.isEmpty()) {
            erasures.deleteLetterBatch(conn, campaignId, batchNo);
            return;
        }
        FieldCipher.Sealed sealed = cipher.seal(letters.merge(left), LaunchWorker.batchPlace(campaignId, batchNo));
        erasures.updateLetterBatch(conn, campaignId, batchNo, sealed.ciphertext(), sealed.keyId(), left.size());
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
        outboxEvents.insert(conn, id, ErasureConfirmedData.TOPIC, confirmation.erasureId().toString(), ErasureConfirmedData.TYPE,
                payload, now);
    }
}
