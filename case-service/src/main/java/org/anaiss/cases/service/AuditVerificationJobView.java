package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

import org.anaiss.platform.audit.AuditJob;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A background verification of the audit hash chains and its figures so far. Sequence numbers and
 * counts only: never the content of an audit record, nor who asked.
 */
@Schema(name = "AuditVerificationJob")
public record AuditVerificationJobView(
        UUID id,
        AuditJob.State state,
        @Schema(description = "Start of the period, inclusive") Instant from,
        @Schema(description = "End of the period, exclusive") Instant to,
        @Schema(description = "Records of the period checked so far") long recordsChecked,
        @Schema(description = "Records found broken so far; when DONE, chain heads that do not match count too") long brokenRecords,
        @Schema(description = "The first record found broken, if any") Long firstBrokenSeq,
        @Schema(description = "When DONE: whether nothing was found broken; null before") Boolean intact,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "The type of the error of the last failed chunk, if any (the reason when FAILED)") String failure) {
}
