package org.anaiss.cases.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.CaseStatusChange;
import org.anaiss.cases.domain.Contact;
import org.anaiss.cases.domain.PlanStep;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.repository.CaseStatusHistoryRepository;
import org.anaiss.cases.repository.ContactRepository;
import org.anaiss.cases.repository.DocumentMeta;
import org.anaiss.cases.repository.DocumentRepository;
import org.anaiss.cases.repository.PlanStepRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A whole case file in one read, as the case file screen shows it: the case, its status history, contacts, plan
 * and documents. One transaction and one batch of audit records (exactly those the separate reads would write),
 * instead of five requests each checking access, opening a transaction and writing its own.
 */
@ApplicationScoped
public class CaseFileService {

    /** What a case file holds; the REST layer turns it into its view. */
    public record Contents(SupportCase supportCase, List<CaseStatusChange> history, List<Contact> contacts,
            List<PlanStep> planSteps, List<DocumentMeta> documents) {
    }

    private final CaseService cases;
    private final CaseStatusHistoryRepository history;
    private final ContactRepository contacts;
    private final PlanStepRepository steps;
    private final DocumentRepository documents;
    private final AuditTrail audit;
    private final StaffDirectory staff;

    public CaseFileService(CaseService cases, CaseStatusHistoryRepository history, ContactRepository contacts,
            PlanStepRepository steps, DocumentRepository documents, AuditTrail audit, StaffDirectory staff) {
        this.cases = cases;
        this.history = history;
        this.contacts = contacts;
        this.steps = steps;
        this.documents = documents;
        this.audit = audit;
        this.staff = staff;
    }

    /** The case file of a case the caller may see, or 404 (as for the case itself). */
    @WithTransaction
    public Uni<Contents> read(Caller caller, UUID caseId) {
        return cases.load(caller, caseId)
                .chain(c -> history.of(c.id)
                        .chain(h -> contacts.listForCase(c.id, true)
                                .chain(cs -> steps.listForCase(c.id)
                                        .chain(ps -> documents.listForCase(c.id)
                                                .map(ds -> new Contents(c, h, cs, ps, ds))))))
                .call(file -> audit.record(caller, entries(file)))
                .call(() -> staff.seen(caller));
    }

    private static List<AuditEntry> entries(Contents file) {
        SupportCase c = file.supportCase();
        UUID person = c.person.id;
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(new AuditEntry(AuditAction.READ, CaseService.RECORD, c.id, c.id, person));
        file.contacts().forEach(x -> entries.add(new AuditEntry(AuditAction.READ, ContactService.RECORD, x.id, c.id, person)));
        file.planSteps().forEach(s -> entries.add(new AuditEntry(AuditAction.READ, PlanService.RECORD, s.id, c.id, person)));
        file.documents().forEach(d -> entries.add(new AuditEntry(AuditAction.LIST, DocumentService.RECORD, d.id(), c.id, person)));
        return entries;
    }
}
