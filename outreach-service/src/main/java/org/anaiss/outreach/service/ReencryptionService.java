package org.anaiss.outreach.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.domain.Signal;
import org.anaiss.platform.crypto.EncryptedColumn;
import org.anaiss.platform.crypto.EncryptedColumn.Part;
import org.anaiss.platform.crypto.KeyUsage;
import org.anaiss.platform.crypto.Reencryption;
import org.anaiss.platform.telemetry.JobMetrics;

import io.smallrye.mutiny.Uni;

/**
 * Key rotation of outreach-service's encrypted columns, by the resumable re-encryption of platform/crypto
 * (docs/key-rotation.md): every column written by {@link FieldCipher} is listed here, with the place its
 * values are bound to, including the sealed payloads waiting in the outbox (V9).
 */
@ApplicationScoped
public class ReencryptionService {

    static final List<EncryptedColumn> COLUMNS = List.of(
            EncryptedColumn.of("signal", "id", "person_ct", "person_key_id", prefix(Signal.place(null))),
            EncryptedColumn.of("registration", "id", "person_ct", "person_key_id", prefix(Registration.place(null))),
            EncryptedColumn.of("offer", "id", "slot_ct", "slot_key", prefix(Offer.slotPlace(null))),
            EncryptedColumn.of("offer_letter", "offer_id", "pdf_ct", "pdf_key", prefix(LaunchWorker.letterPlace(null))),
            EncryptedColumn.of("invitation", "id", "pdf_ct", "pdf_key", prefix(Invitation.pdfPlace(null))),
            new EncryptedColumn("letter_batch", "pdf_key", List.of("campaign_id", "batch_no"),
                    List.of(new Part("pdf_ct", "letter_batch:pdf:"))),
            new EncryptedColumn("mail_message", "ct_key", List.of("id"), List.of(
                    new Part("recipient_ct", prefix(MailQueue.place(null, "to"))),
                    new Part("subject_ct", prefix(MailQueue.place(null, "subject"))),
                    new Part("body_ct", prefix(MailQueue.place(null, "body"))))),
            EncryptedColumn.of("outbox_event", "id", "payload_ct", "payload_key",
                    prefix(org.anaiss.outreach.events.OutboxSealing.place(null))));

    private final Reencryption reencryption;
    private final JobMetrics jobs;

    public ReencryptionService(Reencryption reencryption, JobMetrics jobs) {
        this.reencryption = reencryption;
        this.jobs = jobs;
    }

    public Uni<KeyUsage> usage() {
        return reencryption.usage(COLUMNS);
    }

    /** Re-encrypts up to {@code budget} rows; returns how many were re-encrypted. */
    public Uni<Integer> reencrypt(int batchSize, int budget) {
        return reencryption.reencrypt(COLUMNS, batchSize, budget).invoke(n -> jobs.finished(JobMetrics.REENCRYPTION, n));
    }

    /** The place of a value without its row's id: taken from the code that seals it, so both cannot drift apart. */
    private static String prefix(String placeOfNull) {
        return placeOfNull.substring(0, placeOfNull.length() - "null".length());
    }
}
