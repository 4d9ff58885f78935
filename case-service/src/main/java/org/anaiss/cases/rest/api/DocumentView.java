package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.util.UUID;

public record DocumentView(UUID id, UUID caseId, String fileName, String contentType, long sizeBytes, String sha256,
        String uploadedBy, Instant uploadedAt) {
}
