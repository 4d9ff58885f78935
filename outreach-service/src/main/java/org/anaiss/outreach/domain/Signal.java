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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person signalled by a partner system; the identity is one encrypted document (see PersonVault). */
@Entity
@Table(name = "signal")
public class Signal extends PanacheEntityBase {

    @Id
    public UUID id;
    /** Client id of the partner system that sent it (token azp). */
    public String partner;
    @Column(name = "person_key")
    public String personKey;
    @Column(name = "person_ct")
    public byte[] personCiphertext;
    @Column(name = "person_key_id")
    public String personKeyId;
    @Column(name = "has_email")
    public boolean hasEmail;
    @Column(name = "has_address")
    public boolean hasAddress;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    @Column(name = "signal_type")
    public SignalType signalType;
    @Column(name = "signal_date")
    public LocalDate signalDate;
    @Column(name = "source_system")
    public String sourceSystem;
    @Column(name = "received_at")
    public Instant receivedAt;

    /** Where its ciphertext belongs (AES-GCM associated data): a value copied to another row does not decrypt. */
    public static String place(UUID id) {
        return "signal:person:" + id;
    }

    @Override
    public String toString() {
        return "Signal[" + id + "]";
    }
}
