package org.anaiss.cases.domain;

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

/** A person exercising a right (access, rectification, erasure, objection, restriction), and its answer. */
@Entity
@Table(name = "rights_request")
public class RightsRequest extends PanacheEntityBase {

    public enum Kind {
        ACCESS, RECTIFICATION, ERASURE, OBJECTION, RESTRICTION
    }

    public enum Channel {
        LETTER, EMAIL, DESK, PHONE
    }

    public enum Status {
        OPEN, ANSWERED, REFUSED
    }

    @Id
    public UUID id;
    @Column(name = "person_id")
    public UUID personId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "answer_note")
    public String answerNote;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Version
    public int version;

    @Override
    public String toString() {
        return "RightsRequest[" + id + "]";
    }
}
