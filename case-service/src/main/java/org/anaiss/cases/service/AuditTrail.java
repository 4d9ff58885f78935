package org.anaiss.cases.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.audit.AuditActor;
import org.anaiss.platform.audit.AuditLine;
import org.anaiss.platform.audit.AuditWriter;

import io.smallrye.mutiny.Uni;

/** Writes who read or changed which record of personal data, in the transaction that did it (platform/audit). */
@ApplicationScoped
public class AuditTrail {

    private final AuditWriter writer;

    public AuditTrail(AuditWriter writer) {
        this.writer = writer;
    }

    public Uni<Void> record(Caller caller, AuditAction action, String recordType, UUID recordId, UUID caseId, UUID personId) {
        return record(caller, List.of(new AuditEntry(action, recordType, recordId, caseId, personId)));
    }

    public Uni<Void> record(Caller caller, List<AuditEntry> entries) {
        return writer.append(actor(caller), entries.stream()
                .map(e -> AuditLine.of(e.action().name(), e.recordType(), e.recordId(), e.caseId(), e.personId())).toList());
    }

    static AuditActor actor(Caller caller) {
        return new AuditActor(caller.username(), caller.auditRole(), caller.requestId());
    }
}
