package org.anaiss.outreach.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person's objection to outreach, by the keyed hash of the NIR only (no name, no NIR). */
@Entity
@Table(name = "objection")
public class Objection extends PanacheEntityBase {

    public static final String OFFICER = "OFFICER";
    public static final String ANSWER_LINK = "ANSWER_LINK";
    /** Recorded in case-service (by the DPO) and passed on through case-events. */
    public static final String CASE_SERVICE = "CASE_SERVICE";

    @Id
    @Column(name = "person_key")
    public String personKey;
    /** OFFICER, ANSWER_LINK or CASE_SERVICE. */
    public String source;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Override
    public String toString() {
        return "Objection[]";
    }
}
