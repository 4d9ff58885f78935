package org.anaiss.outreach.rest.api;

import java.util.UUID;

import org.anaiss.outreach.domain.RegistrationStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A registration; names only in the officer's list of a session (for the attendance sheet). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationView(UUID id, UUID sessionId, RegistrationStatus status, String source, Boolean attended,
        String lastName, String firstName) {

    @Override
    public String toString() {
        return "RegistrationView[" + id + "]";
    }
}
