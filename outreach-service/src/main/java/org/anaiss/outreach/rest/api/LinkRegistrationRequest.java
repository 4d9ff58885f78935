package org.anaiss.outreach.rest.api;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The session the person chooses. */
public record LinkRegistrationRequest(@NotNull UUID sessionId) {
}
