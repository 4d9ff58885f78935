package org.anaiss.outreach.domain;

/** REGISTERED holds a seat; WAITING is on the session's waiting list (first come, first promoted). */
public enum RegistrationStatus {
    REGISTERED, WAITING, CANCELLED
}
