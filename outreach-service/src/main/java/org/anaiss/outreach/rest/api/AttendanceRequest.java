package org.anaiss.outreach.rest.api;

import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who came and who did not, by registration id, once the session has taken place. */
@Schema(name = "AttendanceRequest", example = """
        {"attended": ["6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"], "absent": ["1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]}""")
public record AttendanceRequest(@NotNull @Size(max = 1000) Set<@NotNull UUID> attended,
        @NotNull @Size(max = 1000) Set<@NotNull UUID> absent) {
}
