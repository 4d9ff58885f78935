package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

/** One reading of the audit trail: who read it, when, with which filter, why (shown to admins). */
public record AuditReadingView(UUID id, Instant readAt, String reader, String readerRole, String filterKind, String filter,
        String reason, String incident, String requestId) {
}
