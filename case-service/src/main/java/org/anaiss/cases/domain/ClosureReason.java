package org.anaiss.cases.domain;

/**
 * Why an accompaniment ended. Deliberately says nothing of how far its objectives were met:
 * recording that is a purpose the data-protection authority refused.
 */
public enum ClosureReason {
    COMPLETED_AT_PERSONS_REQUEST, PERSON_WITHDREW, MOVED, REDIRECTED, DECEASED
}
