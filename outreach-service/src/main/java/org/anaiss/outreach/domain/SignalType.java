package org.anaiss.outreach.domain;

/** Why a partner system signals a person (the list agreed with partners and with case-service). */
public enum SignalType {
    SICK_LEAVE_90_DAYS, HOSPITAL_DISCHARGE, DISABILITY_PENSION, WORK_UNFITNESS_RISK, OTHER
}
