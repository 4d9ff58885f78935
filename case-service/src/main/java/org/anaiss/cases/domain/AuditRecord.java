package org.anaiss.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One read or write of personal data. Written by SQL (see AuditTrail), read here by the DPO. */
@Entity
@Immutable
@Table(name = "audit_record")
public class AuditRecord extends PanacheEntityBase {

    @Id
    public long seq;
    public Instant at;
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    public String action;
    @Column(name = "record_type")
    public String recordType;
    @Column(name = "record_id")
    public UUID recordId;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "person_id")
    public UUID personId;
    @Column(name = "request_id")
    public String requestId;
    public short chain;
    @Column(name = "prev_hash")
    public byte[] prevHash;
    public byte[] hash;

    @Override
    public String toString() {
        return "AuditRecord[" + seq + "]";
    }
}
