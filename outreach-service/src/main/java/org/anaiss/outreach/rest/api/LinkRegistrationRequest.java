package org.anaiss.outreach.rest.api;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The session the person chooses. */
@Schema(name = "LinkRegistrationRequest", example = """
        {"sessionId": "0b7e1c2a-5d3f-4e8a-9c61-2f4d8a7b9e10"}""")
public record LinkRegistrationRequest(@NotNull UUID sessionId) {
}
