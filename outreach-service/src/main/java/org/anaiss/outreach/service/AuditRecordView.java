package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.UUID;

/** One audit record of outreach-service: who did what to which record, of which person (by key). */
public record AuditRecordView(long seq, Instant at, String actor, String actorRole, String action, String recordType,
        UUID recordId, String personKey, String requestId, int chain, String hash) {
}
