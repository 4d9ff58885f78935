package org.anaiss.cases.rest.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The period of a background verification, both ends optional with the defaults of the synchronous one.
 * Texts parsed like its query parameters, so both accept and refuse the same values.
 */
@Schema(name = "AuditVerificationJobRequest", example = """
        {"from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"}""")
public record AuditVerificationJobRequest(
        @Schema(format = "date-time", description = "ISO-8601 instant, inclusive; default 31 days before 'to'") String from,
        @Schema(format = "date-time", description = "ISO-8601 instant, exclusive; default now") String to) {
}
