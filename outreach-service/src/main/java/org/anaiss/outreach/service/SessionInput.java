package org.anaiss.outreach.service;

import java.time.Instant;

/** A session to add to a collective action: when, how long, where (a place or a video link), how many seats. */
public record SessionInput(Instant startsAt, Integer durationMinutes, String place, String videoUrl, Integer capacity) {
}
