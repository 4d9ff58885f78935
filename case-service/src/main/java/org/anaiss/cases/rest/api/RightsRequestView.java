package org.anaiss.cases.rest.api;

import java.time.Instant;
import java.util.UUID;

public record RightsRequestView(UUID id, UUID personId, String kind, String channel, Instant receivedAt, Instant dueAt,
        String status, Instant answeredAt, String answerNote, String recordedBy, boolean overdue, int version) {
}
