package org.anaiss.outreach.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A case opened in case-service, as learned from case-events: only the person's key and the status. */
@Entity
@Table(name = "known_case")
public class KnownCase extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "person_key")
    public String personKey;
    public String region;
    public String status;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public String toString() {
        return "KnownCase[" + caseId + "]";
    }
}
