package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

/** A document's metadata as shown, its SHA-256 in hexadecimal. */
public record DocumentDetails(UUID id, UUID caseId, String fileName, String contentType, long sizeBytes, String sha256,
        String uploadedBy, Instant uploadedAt) {
}
