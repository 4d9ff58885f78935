package org.anaiss.outreach.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An invitation of a signalled person to a collective action; its link lets them register. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "action_id")
    public UUID actionId;
    @Column(name = "round_id")
    public UUID roundId;
    @Column(name = "signal_id")
    public UUID signalId;
    @Column(name = "person_key")
    public String personKey;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    /** PENDING, SENT or CANCELLED. */
    public String status;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "pdf_ct")
    public byte[] pdfCiphertext;
    @Column(name = "pdf_key")
    public String pdfKeyId;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;

    public static String pdfPlace(UUID id) {
        return "invitation:pdf:" + id;
    }

    @Override
    public String toString() {
        return "Invitation[" + id + "]";
    }
}
