package org.anaiss.cases.events;

import java.time.Instant;

/**
 * Data of a person-level event on case-events (schema: resources/schemas/case-events.v1.json): the
 * person, by key only, objected to being contacted by outreach. Key of the record: the person id
 * of case-service (meaningless elsewhere), so all events about a person stay in order.
 */
public record PersonEventData(String personKey, String region, Instant occurredAt) {

    public static final String OBJECTED_TO_OUTREACH = "org.anaiss.case.PersonObjectedToOutreach.v1";
}
