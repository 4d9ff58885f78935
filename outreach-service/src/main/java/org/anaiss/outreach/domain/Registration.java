package org.anaiss.outreach.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A person's registration to a session (or their place on its waiting list). The identity needed to
 * write to them is kept here, encrypted; who registered them is recorded as a kind (link, social
 * worker, officer), never as a staff member.
 */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    public static final String LINK = "LINK";
    public static final String SOCIAL_WORKER = "SOCIAL_WORKER";
    public static final String OFFICER = "OFFICER";

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "action_id")
    public UUID actionId;
    @Column(name = "invitation_id")
    public UUID invitationId;
    @Column(name = "person_key")
    public String personKey;
    @Column(name = "person_ct")
    public byte[] personCiphertext;
    @Column(name = "person_key_id")
    public String personKeyId;
    @Column(name = "has_email")
    public boolean hasEmail;
    @Enumerated(EnumType.STRING)
    public RegistrationStatus status;
    public String source;
    @Column(name = "token_hash")
    public String tokenHash;
    public Boolean attended;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "promoted_at")
    public Instant promotedAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Version
    public int version;

    public static String place(UUID id) {
        return "registration:person:" + id;
    }

    @Override
    public String toString() {
        return "Registration[" + id + "]";
    }
}
