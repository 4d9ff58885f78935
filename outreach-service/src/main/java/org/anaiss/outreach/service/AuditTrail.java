package org.anaiss.outreach.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.audit.AuditActor;
import org.anaiss.platform.audit.AuditLine;
import org.anaiss.platform.audit.AuditWriter;

import io.smallrye.mutiny.Uni;

/**
 * Writes who read or changed which record of personal data, in the transaction that did it
 * (platform/audit): call it inside the service method's transaction. The person is named by key only.
 */
@ApplicationScoped
public class AuditTrail {

    /** One line: what was done to which record, of which person (key, or null). */
    public record Entry(AuditAction action, String recordType, UUID recordId, String personKey) {
    }

    private final AuditWriter writer;

    public AuditTrail(AuditWriter writer) {
        this.writer = writer;
    }

    public Uni<Void> record(Caller caller, AuditAction action, String recordType, UUID recordId, String personKey) {
        return record(caller, List.of(new Entry(action, recordType, recordId, personKey)));
    }

    public Uni<Void> record(Caller caller, List<Entry> entries) {
        return writer.append(actor(caller), entries.stream()
                .map(e -> AuditLine.of(e.action().name(), e.recordType(), e.recordId(), e.personKey())).toList());
    }

    static AuditActor actor(Caller caller) {
        return new AuditActor(caller.username(), caller.auditRole(), caller.requestId());
    }
}
