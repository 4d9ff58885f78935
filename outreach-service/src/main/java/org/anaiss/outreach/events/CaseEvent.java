package org.anaiss.outreach.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code case-events} CloudEvent as outreach-service reads it. The contract is the producer's JSON
 * Schema (case-service/src/main/resources/schemas/case-events.v1.json); only what is used here is read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseEvent(
        @NotBlank @Size(max = 100) String id,
        @NotNull @Pattern(regexp = "org\\.anaiss\\.case\\.(CaseOpened|CaseStatusChanged|CaseClosed)\\.v1") String type,
        @NotNull Instant time,
        @Valid @NotNull Data data) {

    public static final String TOPIC = "case-events";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @NotNull UUID caseId,
            @Pattern(regexp = "[A-Za-z0-9_-]{43}") String personKey,
            @NotBlank @Size(max = 32) String region,
            @NotNull @Pattern(regexp = "OPEN|ON_HOLD|CLOSED") String status,
            @NotNull Instant occurredAt) {
    }
}
