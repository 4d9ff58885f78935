package org.anaiss.outreach.domain;

/** Themes of collective actions (a fixed list: it is a dimension of the published statistics). */
public enum ActionTheme {
    /** Information meeting on keeping one's job (prévention de la désinsertion professionnelle). */
    JOB_RETENTION,
    /** Workshop on returning to work after a long sick leave. */
    RETURN_TO_WORK,
    ACCESS_TO_RIGHTS,
    AUTONOMY,
    OTHER
}
