package org.anaiss.cases.rest.api;

import jakarta.validation.constraints.NotNull;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.ClosureReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A move in the case lifecycle; closing needs a reason (why it ended, never how well it went). */
@Schema(name = "StatusChangeRequest", example = """
        {"status": "CLOSED", "closureReason": "COMPLETED_AT_PERSONS_REQUEST"}""")
public record StatusChangeRequest(@NotNull CaseStatus status, ClosureReason closureReason) {
}
