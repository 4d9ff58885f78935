package org.anaiss.cases.rest.api;

import java.util.List;

/** Everything a case holds. */
public record CaseDossier(CaseView caseFile, boolean legalHold, List<ContactView> contacts, List<PlanStepView> plan,
        List<DocumentExport> documents) {
}
