package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

public record AuditRecordView(long seq, Instant at, String actor, String actorRole, String action, String recordType,
        UUID recordId, UUID caseId, UUID personId, String requestId, int chain, String hash) {
}
