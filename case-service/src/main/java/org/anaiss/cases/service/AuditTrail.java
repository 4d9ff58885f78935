package org.anaiss.cases.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.repository.AuditRepository;

import io.smallrye.mutiny.Uni;

/** Writes who read or changed which record of personal data, in the transaction that did it. */
@ApplicationScoped
public class AuditTrail {

    private final AuditRepository repository;

    public AuditTrail(AuditRepository repository) {
        this.repository = repository;
    }

    public Uni<Void> record(Caller caller, AuditAction action, String recordType, UUID recordId, UUID caseId, UUID personId) {
        return repository.append(caller, List.of(new AuditEntry(action, recordType, recordId, caseId, personId)));
    }

    public Uni<Void> record(Caller caller, List<AuditEntry> entries) {
        return repository.append(caller, entries);
    }
}
