package org.anaiss.cases.service;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Document;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.repository.ContactRepository;
import org.anaiss.cases.repository.DocumentMeta;
import org.anaiss.cases.repository.DocumentRepository;
import org.anaiss.cases.repository.PlanStepRepository;
import org.anaiss.platform.crypto.FieldCipher;

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
    private final ContactRepository contactRows;
    private final PlanStepRepository stepRows;
    private final DocumentRepository documentRows;
    private final CaseRepository caseRows;

    public DossierService(CaseService cases, ContactService contacts, PlanService plan, FieldCipher cipher,
            ContactRepository contactRows, PlanStepRepository stepRows, DocumentRepository documentRows, CaseRepository caseRows) {
        this.contactRows = contactRows;
        this.stepRows = stepRows;
        this.documentRows = documentRows;
        this.caseRows = caseRows;
        this.cases = cases;
        this.contacts = contacts;
        this.plan = plan;
        this.cipher = cipher;
    }

    /** Joins the current session; {@code c.person} must be loaded. */
    public Uni<Dossier> dossier(SupportCase c) {
        UUID id = c.id;
        return contactRows.listForCase(id, false)
                .chain(contactList -> stepRows.listForCase(id)
                        .chain(steps -> documentRows.listWithContent(id)
                                .map(docs -> new Dossier(cases.details(c), c.legalHold,
                                        contactList.stream().map(contacts::details).toList(),
                                        steps.stream().map(plan::details).toList(),
                                        docs.stream().map(this::export).toList()))));
    }

    private DocumentContent export(Document d) {
        byte[] content = cipher.open(d.contentKeyId, d.contentCiphertext, DocumentService.place(d.id));
        return new DocumentContent(DocumentService.details(new DocumentMeta(d.id, d.caseId, d.fileName, d.contentType,
                d.sizeBytes, d.sha256, d.uploadedBy, d.uploadedAt)), Base64.getEncoder().encodeToString(content));
    }

    /** Deletes what a case holds, then the case (the audit trail keeps its ids, nothing else). */
    public Uni<Void> deleteCaseContents(UUID caseId) {
        return contactRows.deleteForCase(caseId)
                .chain(() -> stepRows.deleteForCase(caseId))
                .chain(() -> documentRows.deleteForCase(caseId))
                .chain(() -> caseRows.deleteById(caseId))
                .replaceWithVoid();
    }

}
