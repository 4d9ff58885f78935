package org.anaiss.cases.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of a {@code person-erasures} CloudEvent (schema: resources/schemas/person-erasures.v1.json): case-service
 * erased a person. The person is named by the keyed hash of the NIR only (the key every service computes);
 * {@code caseIds} are the cases erased with them, so that a late case event cannot bring a case back under
 * the person's key; {@code reason} tells a DPO's erasure (everything goes) from a retention deletion (only
 * what came from case-service goes: each service keeps its own data under its own retention).
 * Key of the record and CloudEvents id: the erasure id.
 */
public record PersonErasureData(UUID erasureId, String personKey, List<UUID> caseIds, String reason, Instant occurredAt) {

    public static final String TOPIC = "person-erasures";
    public static final String TYPE = "org.anaiss.case.PersonErased.v1";
}
