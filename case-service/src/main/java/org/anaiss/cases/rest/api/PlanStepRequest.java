package org.anaiss.cases.rest.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.anaiss.cases.domain.PlanStepStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A step agreed with the person. {@code version} is required when updating (optimistic locking). */
@Schema(name = "PlanStepRequest", example = """
        {"text": "Apply for the disability worker recognition (RQTH)", "dueDate": "2027-01-15", "status": "PLANNED"}""")
public record PlanStepRequest(
        @NotBlank @Size(max = 2000) String text,
        LocalDate dueDate,
        PlanStepStatus status,
        Integer version) {
}
