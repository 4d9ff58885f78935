package org.anaiss.cases.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An erasure and, per service that may hold data on the person, whether it confirmed and when.
 * {@code complete}: every service confirmed (or none had to be asked: no NIR was recorded).
 */
public record ErasureView(UUID id, UUID personId, String reason, Instant decidedAt, boolean announced,
        List<ServiceConfirmation> services, boolean complete) {

    /**
     * @param status CONFIRMED, WAITING (announced, no confirmation yet) or NOT_ASKED (no NIR: the service cannot know the person)
     * @param outcome ERASED, NOTHING_HELD (the service held nothing on the person) or UNLINKED (retention: only what came from case-service went)
     */
    public record ServiceConfirmation(String service, String status, String outcome, Integer rowsErased, Instant confirmedAt,
            Instant receivedAt) {
    }
}
