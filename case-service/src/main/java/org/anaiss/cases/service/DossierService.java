package org.anaiss.cases.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Contact;
import org.anaiss.cases.domain.Document;
import org.anaiss.cases.domain.PlanStep;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.repository.DocumentMeta;
import org.anaiss.cases.rest.api.CaseDossier;
import org.anaiss.cases.rest.api.DocumentExport;

import io.smallrye.mutiny.Uni;

/**
 * Everything a case holds, decrypted, for the DPO's export and for the archive of a case under
 * legal hold. No access check here: callers are the DPO endpoints and the retention job.
 */
@ApplicationScoped
public class DossierService {

    private final CaseService cases;
    private final ContactService contacts;
    private final PlanService plan;
    private final FieldCipher cipher;

    public DossierService(CaseService cases, ContactService contacts, PlanService plan, FieldCipher cipher) {
        this.cases = cases;
        this.contacts = contacts;
        this.plan = plan;
        this.cipher = cipher;
    }

    /** Joins the current session; {@code c.person} must be loaded. */
    public Uni<CaseDossier> dossier(SupportCase c) {
        UUID id = c.id;
        return Contact.<Contact>find("caseId = ?1 order by occurredAt", id).list()
                .chain(contactList -> PlanStep.<PlanStep>find("caseId = ?1 order by createdAt", id).list()
                        .chain(steps -> Document.<Document>find("caseId = ?1 order by uploadedAt", id).list()
                                .map(docs -> new CaseDossier(cases.view(c), c.legalHold,
                                        contactList.stream().map(contacts::view).toList(),
                                        steps.stream().map(plan::view).toList(),
                                        docs.stream().map(this::export).toList()))));
    }

    private DocumentExport export(Document d) {
        byte[] content = cipher.open(d.contentKeyId, d.contentCiphertext, DocumentService.place(d.id));
        return new DocumentExport(DocumentService.view(new DocumentMeta(d.id, d.caseId, d.fileName, d.contentType,
                d.sizeBytes, d.sha256, d.uploadedBy, d.uploadedAt)), Base64.getEncoder().encodeToString(content));
    }

    /** Deletes what a case holds, then the case (the audit trail keeps its ids, nothing else). */
    public Uni<Void> deleteCaseContents(UUID caseId) {
        return Contact.delete("caseId = ?1", caseId)
                .chain(() -> PlanStep.delete("caseId = ?1", caseId))
                .chain(() -> Document.delete("caseId = ?1", caseId))
                .chain(() -> SupportCase.delete("id = ?1", caseId))
                .replaceWithVoid();
    }

}
