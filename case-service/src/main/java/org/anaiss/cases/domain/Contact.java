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

/** An interview, call, home visit, video call or letter with the person; notes encrypted. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Enumerated(EnumType.STRING)
    public ContactMode mode;
    public String author;
    @Column(name = "notes_ct")
    public byte[] notesCiphertext;
    @Column(name = "notes_key")
    public String notesKeyId;
    @Column(name = "created_at")
    public Instant createdAt;

    @Override
    public String toString() {
        return "Contact[" + id + "]";
    }
}
