package org.anaiss.cases.rest.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.anaiss.cases.domain.ContactMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ContactRequest", example = """
        {"occurredAt": "2026-11-20T09:30:00Z", "mode": "HOME_VISIT", "notes": "Discussed the return-to-work visit."}""")
public record ContactRequest(
        @NotNull @PastOrPresent Instant occurredAt,
        @NotNull ContactMode mode,
        @Size(max = 20000) String notes) {
}
