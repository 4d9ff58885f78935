package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

import org.anaiss.cases.domain.ContactMode;

/** A contact as read, its notes decrypted. */
public record ContactDetails(UUID id, UUID caseId, Instant occurredAt, ContactMode mode, String author, String notes,
        Instant createdAt) {
}
