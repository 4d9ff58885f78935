package org.anaiss.outreach.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The answer given to a partner request with an Idempotency-Key (ids and statuses only, no personal data). */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord extends PanacheEntityBase {

    @Id
    public String id;
    public String partner;
    /** Keyed hash of the request body: the same key with another body is refused. */
    @Column(name = "request_hash")
    public String requestHash;
    public int status;
    public String response;
    @Column(name = "created_at")
    public Instant createdAt;

    public static String id(String partner, String key) {
        return partner + "\n" + key;
    }

    @Override
    public String toString() {
        return "IdempotencyRecord[" + partner + "]";
    }
}
