package org.anaiss.outreach.service;

import java.util.UUID;

import org.anaiss.outreach.domain.RegistrationStatus;

/** A registration; the names only in the officer's list of a session (for the attendance sheet), else null. */
public record RegistrationDetails(UUID id, UUID sessionId, RegistrationStatus status, String source, Boolean attended,
        String lastName, String firstName) {
    @Override
    public String toString() {
        return "RegistrationDetails[" + id + "]";
    }
}
