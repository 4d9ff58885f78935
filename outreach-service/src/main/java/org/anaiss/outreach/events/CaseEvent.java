package org.anaiss.outreach.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code case-events} CloudEvent as outreach-service reads it. The contract is the producer's JSON
 * Schema (case-service/src/main/resources/schemas/case-events.v1.json); only what is used here is read.
 * Case events (opened, status changed, closed) carry the case id and status; the person event
 * PersonObjectedToOutreach carries the person key only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseEvent(
        @NotBlank @Size(max = 100) String id,
        @NotNull @Pattern(regexp = "org\\.anaiss\\.case\\.(CaseOpened|CaseStatusChanged|CaseClosed|PersonObjectedToOutreach)\\.v1") String type,
        @NotNull Instant time,
        @Valid @NotNull Data data) {

    public static final String TOPIC = "case-events";
    public static final String PERSON_OBJECTED = "org.anaiss.case.PersonObjectedToOutreach.v1";

    @JsonIgnore
    public boolean isObjection() {
        return PERSON_OBJECTED.equals(type);
    }

    /** A case event names its case and status; an objection names its person. */
    @JsonIgnore
    @AssertTrue(message = "a case event needs caseId and status; an objection needs personKey")
    public boolean isComplete() {
        if (data == null) {
            return true;
        }
        return isObjection() ? data.personKey() != null : data.caseId() != null && data.status() != null;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            UUID caseId,
            @Pattern(regexp = "[A-Za-z0-9_-]{43}") String personKey,
            @NotBlank @Size(max = 32) String region,
            @Pattern(regexp = "OPEN|ON_HOLD|CLOSED") String status,
            @NotNull Instant occurredAt) {
    }
}
