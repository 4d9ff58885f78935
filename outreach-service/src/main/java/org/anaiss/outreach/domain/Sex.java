package org.anaiss.outreach.domain;

public enum Sex {
    FEMALE, MALE, UNKNOWN
}
