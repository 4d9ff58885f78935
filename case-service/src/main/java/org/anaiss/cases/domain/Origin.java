package org.anaiss.cases.domain;

/** How the person came to the social service. */
public enum Origin {
    SELF, PARTNER_SIGNAL, OUTREACH_OFFER, HOSPITAL, OTHER
}
