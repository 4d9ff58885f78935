package org.anaiss.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One audit record as read by the DPO; subjects: the service's own columns, in the order of its {@link AuditLayout#columns()}. */
public record AuditRow(long seq, Instant at, String actor, String actorRole, String action, String recordType, UUID recordId,
        List<Object> subjects, String requestId, int chain, String hash) {
}
