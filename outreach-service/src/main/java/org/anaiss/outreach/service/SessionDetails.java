package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.UUID;

/** A session with its seats taken (read fresh) and the length of its waiting list. */
public record SessionDetails(UUID id, Instant startsAt, int durationMinutes, String place, String videoUrl, int capacity,
        int seatsTaken, long waiting, boolean held) {
}
