package org.anaiss.platform.audit;

import java.time.Instant;
import java.util.UUID;

/** One reading of the audit trail: who read it, when, with which filter, why (shown to admins). */
public record AuditReading(UUID id, Instant readAt, String reader, String readerRole, String filterKind, String filter,
        String reason, String incident, String requestId) {
}
