package org.anaiss.cases.service;

import java.util.UUID;

/** One audit line to write: which record, of which case and person. */
public record AuditEntry(AuditAction action, String recordType, UUID recordId, UUID caseId, UUID personId) {
}
