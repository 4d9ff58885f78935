package org.anaiss.platform.audit;

import java.time.Instant;

/** Result of recomputing the audit hash chains over a period. */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, long brokenRecords, Instant verifiedAt) {
}
