package org.anaiss.cases.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An {@code erasure-confirmations} CloudEvent as case-service reads it (producer's schema:
 * outreach-service/src/main/resources/schemas/erasure-confirmations.v1.json): a service applied an erasure.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErasureConfirmationEvent(@NotBlank @Size(max = 100) String id, @NotBlank String type, @NotNull @Valid Data data) {

    public static final String TYPE = "org.anaiss.outreach.ErasureConfirmed.v1";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@NotNull UUID erasureId, @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z][a-z0-9-]*") String service,
            @NotNull @Pattern(regexp = "ERASED|NOTHING_HELD|UNLINKED") String outcome, @NotNull @Min(0) Integer rowsErased,
            @NotNull Instant erasedAt) {
    }
}
