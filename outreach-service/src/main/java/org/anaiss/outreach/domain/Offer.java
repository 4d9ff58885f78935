package org.anaiss.outreach.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An offer of service to one signalled person, created by a campaign launch. */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "campaign_id")
    public UUID campaignId;
    @Column(name = "signal_id")
    public UUID signalId;
    @Column(name = "person_key")
    public String personKey;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    @Column(name = "signal_type")
    public SignalType signalType;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public OfferStatus status;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "postponed_until")
    public LocalDate postponedUntil;
    /** LINK, PHONE or LETTER: how the answer came. */
    @Column(name = "answer_channel")
    public String answerChannel;
    @Column(name = "slot_ct")
    public byte[] slotCiphertext;
    @Column(name = "slot_key")
    public String slotKeyId;
    @Column(name = "letter_batch")
    public Integer letterBatch;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Version
    public int version;

    public static String slotPlace(UUID id) {
        return "offer:slot:" + id;
    }

    @Override
    public String toString() {
        return "Offer[" + id + "]";
    }
}
