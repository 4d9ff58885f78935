package org.anaiss.outreach.rest.api;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A session: when (an instant, e.g. 2027-01-14T09:30:00+01:00), how long, where (a place or a video link), how many seats. */
@Schema(name = "SessionRequest", example = """
        {"startsAt": "2027-01-14T13:30:00Z", "durationMinutes": 120, "place": "CPAM, 12 rue de la Paix, Lyon", "capacity": 20}""")
public record SessionRequest(
        @NotNull Instant startsAt,
        @NotNull @Min(15) @Max(600) Integer durationMinutes,
        @Size(max = 300) String place,
        @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https:// link") String videoUrl,
        @NotNull @Min(1) @Max(1000) Integer capacity) {
}
