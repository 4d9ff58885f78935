package org.anaiss.outreach.domain;

import java.util.Set;

/**
 * PENDING (created by a launch, not yet delivered) → SENT → ACCEPTED | DECLINED | POSTPONED | NO_RESPONSE;
 * POSTPONED stays answerable until its new date; CANCELLED when the person objected.
 */
public enum OfferStatus {
    PENDING, SENT, POSTPONED, ACCEPTED, DECLINED, NO_RESPONSE, CANCELLED;

    /** The answer link works, and the officer may record an answer, in these states. */
    public static final Set<OfferStatus> ANSWERABLE = Set.of(SENT, POSTPONED);

    /** An objection cancels offers in these states. */
    public static final Set<OfferStatus> OPEN = Set.of(PENDING, SENT, POSTPONED);
}
