package org.anaiss.cases.rest.api;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.Theme;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Opens a case for a person of the caller's region, in the caller's team. {@code assignedTo} is the
 * caller's own username (a worker taking the case), any worker of the team (team lead), or absent
 * (the case waits in the team's queue).
 */
@Schema(name = "CaseCreateRequest", example = """
        {"personId": "6f1c2b1e-1d2a-4c1b-9e55-2b8f0f7c9a10", "theme": "JOB_RETENTION", "origin": "SELF", "assignedTo": "alice"}""")
public record CaseCreateRequest(
        @NotNull UUID personId,
        @NotNull Theme theme,
        @NotNull Origin origin,
        @Size(max = 64) String assignedTo) {
}
