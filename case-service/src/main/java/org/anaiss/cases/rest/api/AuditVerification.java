package org.anaiss.cases.rest.api;

import java.time.Instant;

/** Result of recomputing the audit hash chains. */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, long brokenRecords,
        Instant verifiedAt) {
}
