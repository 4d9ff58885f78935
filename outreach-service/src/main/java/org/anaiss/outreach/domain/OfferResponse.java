package org.anaiss.outreach.domain;

/** What the person answered to an offer (NO_RESPONSE is set by the service at the deadline). */
public enum OfferResponse {
    ACCEPTED, DECLINED, POSTPONED
}
