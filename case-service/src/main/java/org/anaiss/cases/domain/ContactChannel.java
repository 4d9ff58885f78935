package org.anaiss.cases.domain;

/** How the person prefers to be contacted. */
public enum ContactChannel {
    PHONE, EMAIL, LETTER
}
