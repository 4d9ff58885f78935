package org.anaiss.outreach.rest.api;

import java.util.List;
import java.util.UUID;

import org.anaiss.outreach.domain.ActionTheme;
import org.anaiss.outreach.domain.RegistrationStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the person's link shows: the action, its sessions with seats left, and their registration if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationLinkView(String title, ActionTheme theme, String description, List<Session> sessions, Mine registration) {

    public record Session(UUID id, java.time.Instant startsAt, int durationMinutes, String place, String videoUrl, int seatsLeft) {
    }

    public record Mine(UUID sessionId, RegistrationStatus status) {
    }
}
