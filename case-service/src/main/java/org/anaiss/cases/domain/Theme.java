package org.anaiss.cases.domain;

/** What the accompaniment is about (coarse, fixed list; also a statistics dimension). */
public enum Theme {
    JOB_RETENTION, ACCESS_TO_CARE, HOSPITAL_DISCHARGE, DISABILITY, AUTONOMY, ACCESS_TO_RIGHTS, OTHER
}
