package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.anaiss.outreach.domain.ActionTheme;
import org.anaiss.outreach.domain.RegistrationStatus;

/** What the person's link reaches: the action, its upcoming sessions with seats left, and their registration if any (else null). */
public record RegistrationLinkDetails(String title, ActionTheme theme, String description, List<Session> sessions, Mine registration) {

    /** An upcoming session and its seats left. */
    public record Session(UUID id, Instant startsAt, int durationMinutes, String place, String videoUrl, int seatsLeft) {
    }

    /** The person's registration: which session, registered or waiting (or cancelled). */
    public record Mine(UUID sessionId, RegistrationStatus status) {
    }
}
