package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.util.UUID;

import org.anaiss.cases.domain.ContactMode;

public record ContactView(UUID id, UUID caseId, Instant occurredAt, ContactMode mode, String author, String notes,
        Instant createdAt) {
}
