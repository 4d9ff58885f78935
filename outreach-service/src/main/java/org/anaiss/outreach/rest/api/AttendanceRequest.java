package org.anaiss.outreach.rest.api;

import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Who came and who did not, by registration id, once the session has taken place. */
public record AttendanceRequest(@NotNull @Size(max = 1000) Set<@NotNull UUID> attended,
        @NotNull @Size(max = 1000) Set<@NotNull UUID> absent) {
}
