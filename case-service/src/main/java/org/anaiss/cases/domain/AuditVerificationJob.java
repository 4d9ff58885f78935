package org.anaiss.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A background verification of the audit hash chains over a period, and how far it got. Figures only. */
@Entity
@Table(name = "audit_verification_job")
public class AuditVerificationJob extends PanacheEntityBase {

    public enum State {
        RUNNING, DONE, FAILED
    }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "period_from")
    public Instant periodFrom;
    @Column(name = "period_to")
    public Instant periodTo;
    /** The highest seq verified so far; the next chunk starts after it. */
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "records_checked")
    public long recordsChecked;
    @Column(name = "broken_records")
    public long brokenRecords;
    @Column(name = "first_broken_seq")
    public Long firstBrokenSeq;
    public int attempts;
    public String failure;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    @Override
    public String toString() {
        return "AuditVerificationJob[" + id + "]";
    }
}
