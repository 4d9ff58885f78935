package org.anaiss.cases.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A service's confirmation that it applied an erasure (read only here: written once by the consumer). */
@Entity
@Table(name = "erasure_confirmation")
@IdClass(ErasureConfirmation.Key.class)
public class ErasureConfirmation extends PanacheEntityBase {

    @Id
    @Column(name = "erasure_id")
    public UUID erasureId;
    @Id
    public String service;
    public String outcome;
    @Column(name = "rows_erased")
    public int rowsErased;
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "received_at")
    public Instant receivedAt;

    public static class Key implements Serializable {
        public UUID erasureId;
        public String service;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(erasureId, k.erasureId) && Objects.equals(service, k.service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(erasureId, service);
        }
    }
}
