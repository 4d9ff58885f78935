package org.anaiss.cases.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.crypto.EncryptedColumn;
import org.anaiss.platform.crypto.KeyUsage;
import org.anaiss.platform.crypto.Reencryption;
import org.anaiss.platform.telemetry.JobMetrics;

import io.smallrye.mutiny.Uni;

/**
 * Key rotation of case-service's encrypted columns, by the resumable re-encryption of platform/crypto
 * (docs/key-rotation.md): after a new key becomes active, moves the values still under older keys to it.
 */
@ApplicationScoped
public class ReencryptionService {

    static final List<EncryptedColumn> COLUMNS = List.of(
            EncryptedColumn.of("person", "id", "nir_ct", "nir_key", "person.nir:"),
            EncryptedColumn.of("support_case", "id", "intake_note_ct", "intake_note_key", "case.intake_note:"),
            EncryptedColumn.of("contact", "id", "notes_ct", "notes_key", "contact.notes:"),
            EncryptedColumn.of("plan_step", "id", "text_ct", "text_key", "plan_step.text:"),
            EncryptedColumn.of("document", "id", "content_ct", "content_key", "document.content:"),
            EncryptedColumn.of("archived_case", "case_id", "content_ct", "content_key", "archived_case.content:"));

    private final Reencryption reencryption;

    // progress metrics of the job (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    JobMetrics jobs;

    public ReencryptionService(Reencryption reencryption) {
        this.reencryption = reencryption;
    }

    public Uni<KeyUsage> usage() {
        return reencryption.usage(COLUMNS);
    }

    /** Re-encrypts up to {@code budget} values; returns how many were re-encrypted. */
    public Uni<Integer> reencrypt(int batchSize, int budget) {
        return reencryption.reencrypt(COLUMNS, batchSize, budget).invoke(n -> jobs.finished(JobMetrics.REENCRYPTION, n));
    }
}
