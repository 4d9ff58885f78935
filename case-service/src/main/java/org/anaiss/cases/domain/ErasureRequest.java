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

/** An erasure of a person decided here and announced to the other services (no personal data: ids only). */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest extends PanacheEntityBase {

    public enum Reason {
        DPO, RETENTION
    }

    @Id
    public UUID id;
    @Column(name = "person_id")
    public UUID personId;
    @Enumerated(EnumType.STRING)
    public Reason reason;
    public boolean announced;
    @Column(name = "decided_at")
    public Instant decidedAt;

    @Override
    public String toString() {
        return "ErasureRequest[" + id + "]";
    }
}
