package org.anaiss.cases.service;

/** What was done to a record of personal data. */
public enum AuditAction {
    READ, LIST, SEARCH, CREATE, UPDATE, STATUS_CHANGE, ASSIGN, DOWNLOAD, EXPORT, DELETE
}
