package org.anaiss.outreach.domain;

/** How an offer or an invitation reaches the person. */
public enum Channel {
    LETTER, EMAIL
}
