package org.anaiss.cases.rest.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A case file as one screen shows it: the case, its status history (oldest first), contacts (newest first), plan, documents. */
@Schema(name = "CaseFile")
public record CaseFileView(@JsonProperty("case") CaseView caseView, List<StatusChangeView> statusHistory,
        List<ContactView> contacts, List<PlanStepView> planSteps, List<DocumentView> documents) {
}
