package org.anaiss.cases.repository;

import java.time.Instant;
import java.util.UUID;

/** A document without its content, for lists. */
public record DocumentMeta(UUID id, UUID caseId, String fileName, String contentType,
        long sizeBytes, byte[] sha256, String uploadedBy, Instant uploadedAt) {
}
