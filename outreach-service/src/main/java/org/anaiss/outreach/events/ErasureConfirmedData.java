package org.anaiss.outreach.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of an {@code erasure-confirmations} CloudEvent (schema: resources/schemas/erasure-confirmations.v1.json):
 * this service applied an erasure announced on person-erasures. Ids and counts only. Key of the record: the erasure id.
 *
 * @param outcome ERASED (rows erased), NOTHING_HELD (nothing on the person here) or UNLINKED (retention in case-service:
 *            only what came from it went; this service's own data follows its own retention)
 */
public record ErasureConfirmedData(UUID erasureId, String service, String outcome, int rowsErased, Instant erasedAt) {

    public static final String TOPIC = "erasure-confirmations";
    public static final String TYPE = "org.anaiss.outreach.ErasureConfirmed.v1";
    public static final String SERVICE = "outreach-service";
}
