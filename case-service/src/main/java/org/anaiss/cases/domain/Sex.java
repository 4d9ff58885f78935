package org.anaiss.cases.domain;

public enum Sex {
    FEMALE, MALE, UNKNOWN
}
