package org.anaiss.cases.service;

import java.time.Instant;
import java.util.UUID;

/** A request received from a person, as read; {@code overdue} as of the reading. */
public record RightsRequestDetails(UUID id, UUID personId, String kind, String channel, Instant receivedAt, Instant dueAt,
        String status, Instant answeredAt, String answerNote, String recordedBy, boolean overdue, int version) {
}
