package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.cases.domain.PlanStepStatus;

public record PlanStepView(UUID id, UUID caseId, String text, LocalDate dueDate, PlanStepStatus status,
        Instant createdAt, Instant updatedAt, int version) {
}
