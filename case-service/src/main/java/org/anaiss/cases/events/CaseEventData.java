package org.anaiss.cases.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Data of the {@code case-events} CloudEvents (schema: resources/schemas/case-events.v1.json).
 * {@code personKey} is the keyed hash of the person's NIR (null when the NIR is unknown): outreach-service
 * recognises the person by it and stops offering. No name, no NIR, no note, no team, no worker, and
 * nothing its one consumer does not use: no theme, origin or closure reason (they tell about the person's
 * difficulties and would stay on the topic for its whole retention).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEventData(UUID caseId, String personKey, String region, String status, Instant occurredAt) {

    public static final String TOPIC = "case-events";
    public static final String OPENED = "org.anaiss.case.CaseOpened.v1";
    public static final String STATUS_CHANGED = "org.anaiss.case.CaseStatusChanged.v1";
    public static final String CLOSED = "org.anaiss.case.CaseClosed.v1";
}
