package org.anaiss.cases.rest.api;

/** A member of the caller's team who may be assigned cases. */
public record StaffView(String username, String displayName, boolean teamLead) {
}
