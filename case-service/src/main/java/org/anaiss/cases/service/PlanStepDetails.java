package org.anaiss.cases.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.cases.domain.PlanStepStatus;

/** A step of the support plan as read, its text decrypted. */
public record PlanStepDetails(UUID id, UUID caseId, String text, LocalDate dueDate, PlanStepStatus status,
        Instant createdAt, Instant updatedAt, int version) {
}
