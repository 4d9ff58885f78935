package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.util.UUID;

/** A session with its seats (operational figures for the staff of the region; never exported). */
public record SessionView(UUID id, Instant startsAt, int durationMinutes, String place, String videoUrl, int capacity,
        int seatsTaken, long waiting, boolean held) {
}
