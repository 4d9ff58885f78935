package org.anaiss.platform.audit;

/** Who did it, as recorded: the username, the role that allowed it, the request's id (no display name, no time of use beyond the record's own). */
public record AuditActor(String actor, String role, String requestId) {
}
