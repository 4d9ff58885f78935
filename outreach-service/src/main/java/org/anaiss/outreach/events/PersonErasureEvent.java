package org.anaiss.outreach.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code person-erasures} CloudEvent as outreach-service reads it. The contract is the producer's JSON
 * Schema (case-service/src/main/resources/schemas/person-erasures.v1.json); only what is used here is read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PersonErasureEvent(
        @NotBlank @Size(max = 100) String id,
        @NotNull @Pattern(regexp = "org\\.anaiss\\.case\\.PersonErased\\.v1") String type,
        @Valid @NotNull Data data) {

    public static final String TOPIC = "person-erasures";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @NotNull UUID erasureId,
            @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{43}") String personKey,
            @NotNull @Size(max = 1000) List<@NotNull UUID> caseIds,
            @NotNull @Pattern(regexp = "DPO|RETENTION") String reason,
            @NotNull Instant occurredAt) {
    }

    /** A DPO's erasure: everything on the person goes. A retention deletion: only what came from case-service. */
    public boolean full() {
        return "DPO".equals(data.reason());
    }
}
