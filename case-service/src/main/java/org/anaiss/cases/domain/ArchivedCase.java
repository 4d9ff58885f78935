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

/** A case under legal hold whose retention ended: one encrypted document, readable by the DPO only. */
@Entity
@Table(name = "archived_case")
public class ArchivedCase extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "person_id")
    public UUID personId;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Column(name = "archived_at")
    public Instant archivedAt;
    @Column(name = "content_ct")
    public byte[] contentCiphertext;
    @Column(name = "content_key")
    public String contentKeyId;

    @Override
    public String toString() {
        return "ArchivedCase[" + caseId + "]";
    }
}
