package org.anaiss.cases.rest;

import org.anaiss.cases.domain.CaseStatusChange;
import org.anaiss.cases.domain.StaffMember;
import org.anaiss.cases.rest.api.ArchivedDossier;
import org.anaiss.cases.rest.api.CaseDossier;
import org.anaiss.cases.rest.api.CaseView;
import org.anaiss.cases.rest.api.ContactView;
import org.anaiss.cases.rest.api.DocumentExport;
import org.anaiss.cases.rest.api.DocumentView;
import org.anaiss.cases.rest.api.Page;
import org.anaiss.cases.rest.api.PersonExport;
import org.anaiss.cases.rest.api.PersonRequest;
import org.anaiss.cases.rest.api.PersonSearchRequest;
import org.anaiss.cases.rest.api.PersonSummary;
import org.anaiss.cases.rest.api.PersonView;
import org.anaiss.cases.rest.api.PlanStepView;
import org.anaiss.cases.rest.api.RetentionReport;
import org.anaiss.cases.rest.api.RightsRequestView;
import org.anaiss.cases.rest.api.StaffView;
import org.anaiss.cases.rest.api.StatusChangeView;
import org.anaiss.cases.service.ArchivedContent;
import org.anaiss.cases.service.CaseDetails;
import org.anaiss.cases.service.ContactDetails;
import org.anaiss.cases.service.DocumentContent;
import org.anaiss.cases.service.DocumentDetails;
import org.anaiss.cases.service.Dossier;
import org.anaiss.cases.service.ListPage;
import org.anaiss.cases.service.PersonBrief;
import org.anaiss.cases.service.PersonDetails;
import org.anaiss.cases.service.PersonHoldings;
import org.anaiss.cases.service.PersonIdentity;
import org.anaiss.cases.service.PersonSearch;
import org.anaiss.cases.service.PlanStepDetails;
import org.anaiss.cases.service.RetentionOutcome;
import org.anaiss.cases.service.RightsRequestDetails;

/**
 * Between the API records (rest.api) and the services' own inputs and results: a request, once validated, becomes
 * what a service takes; what a service returns becomes the view the API answers with. Field for field, nothing
 * computed here, so the API stays what it was while the services know nothing of it.
 */
final class ApiMapping {

    private ApiMapping() {
    }

    // ---------------------------------------------------------------- persons

    static PersonIdentity identity(PersonRequest r) {
        return new PersonIdentity(r.lastName(), r.firstName(), r.birthDate(), r.sex(), r.nir(), r.addressLine(),
                r.postalCode(), r.city(), r.phone(), r.email(), r.preferredChannel());
    }

    static PersonSearch search(PersonSearchRequest r) {
        return new PersonSearch(r.nir(), r.lastName(), r.firstName(), r.birthDate());
    }

    static PersonView person(PersonDetails p) {
        return new PersonView(p.id(), p.region(), p.lastName(), p.firstName(), p.birthDate(), p.sex(), p.nir(),
                p.addressLine(), p.postalCode(), p.city(), p.phone(), p.email(), p.preferredChannel(), p.createdAt(),
                p.updatedAt(), p.version());
    }

    static PersonSummary summary(PersonBrief p) {
        return new PersonSummary(p.id(), p.lastName(), p.firstName(), p.birthDate());
    }

    // ---------------------------------------------------------------- cases and what they hold

    static CaseView caseView(CaseDetails c) {
        return new CaseView(c.id(), summary(c.person()), c.region(), c.team(), c.assignedTo(), c.theme(), c.origin(),
                c.status(), c.closureReason(), c.intakeNote(), c.openedAt(), c.closedAt(), c.lastContactAt(),
                c.updatedAt(), c.version());
    }

    static Page<CaseView> cases(ListPage<CaseDetails> p) {
        return new Page<>(p.items().stream().map(ApiMapping::caseView).toList(), p.page(), p.size(), p.hasNext());
    }

    static StatusChangeView statusChange(CaseStatusChange h) {
        return new StatusChangeView(h.status, h.closureReason, h.changedOn);
    }

    static StaffView staff(StaffMember m) {
        return new StaffView(m.username, m.displayName, m.teamLead);
    }

    static ContactView contact(ContactDetails c) {
        return new ContactView(c.id(), c.caseId(), c.occurredAt(), c.mode(), c.author(), c.notes(), c.createdAt());
    }

    static PlanStepView planStep(PlanStepDetails s) {
        return new PlanStepView(s.id(), s.caseId(), s.text(), s.dueDate(), s.status(), s.createdAt(), s.updatedAt(),
                s.version());
    }

    static DocumentView document(DocumentDetails d) {
        return new DocumentView(d.id(), d.caseId(), d.fileName(), d.contentType(), d.sizeBytes(), d.sha256(),
                d.uploadedBy(), d.uploadedAt());
    }

    // ---------------------------------------------------------------- the data protection officer's

    static CaseDossier dossier(Dossier d) {
        return new CaseDossier(caseView(d.caseFile()), d.legalHold(), d.contacts().stream().map(ApiMapping::contact).toList(),
                d.plan().stream().map(ApiMapping::planStep).toList(),
                d.documents().stream().map(ApiMapping::documentExport).toList());
    }

    static DocumentExport documentExport(DocumentContent d) {
        return new DocumentExport(document(d.meta()), d.contentBase64());
    }

    static PersonExport export(PersonHoldings h) {
        return new PersonExport(h.generatedAt(), person(h.person()), h.cases().stream().map(ApiMapping::dossier).toList(),
                h.rightsRequests().stream().map(ApiMapping::rightsRequest).toList(), h.outreach(), h.outreachStatus());
    }

    static ArchivedDossier archived(ArchivedContent a) {
        return new ArchivedDossier(a.archivedAt(), person(a.person()), dossier(a.dossier()));
    }

    static RightsRequestView rightsRequest(RightsRequestDetails r) {
        return new RightsRequestView(r.id(), r.personId(), r.kind(), r.channel(), r.receivedAt(), r.dueAt(), r.status(),
                r.answeredAt(), r.answerNote(), r.recordedBy(), r.overdue(), r.version());
    }

    static RetentionReport retention(RetentionOutcome r) {
        return new RetentionReport(r.dryRun(), r.at(), r.cutoff(), r.casesDeleted(), r.casesArchived(), r.personsDeleted(),
                r.auditCutoff(), r.auditMonthsDropped());
    }
}
