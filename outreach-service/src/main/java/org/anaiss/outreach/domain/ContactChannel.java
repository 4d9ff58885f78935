package org.anaiss.outreach.domain;

/** The channel the person prefers to be contacted by (as case-service knows it). */
public enum ContactChannel {
    PHONE, EMAIL, LETTER
}
