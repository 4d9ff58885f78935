package org.anaiss.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One accompaniment of a person by the social service (a "dossier"). */
@Entity
@Table(name = "support_case")
public class SupportCase extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "person_id")
    public Person person;
    @Enumerated(EnumType.STRING)
    public Region region;
    public String team;
    @Column(name = "assigned_to")
    public String assignedTo;
    @Enumerated(EnumType.STRING)
    public Theme theme;
    @Enumerated(EnumType.STRING)
    public Origin origin;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason")
    public ClosureReason closureReason;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "last_contact_at")
    public Instant lastContactAt;
    @Column(name = "intake_note_ct")
    public byte[] intakeNoteCiphertext;
    @Column(name = "intake_note_key")
    public String intakeNoteKeyId;
    /** Set by the DPO: at the end of its retention the case is archived (DPO only) instead of deleted. */
    @Column(name = "legal_hold")
    public boolean legalHold;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    @Override
    public String toString() {
        return "SupportCase[" + id + "]";
    }
}
