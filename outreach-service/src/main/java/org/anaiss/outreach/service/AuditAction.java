package org.anaiss.outreach.service;

/** What was done to a record of personal data. */
public enum AuditAction {
    READ, LIST, SEARCH, CREATE, UPDATE, DOWNLOAD, EXPORT, DELETE
}
