package org.anaiss.outreach.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An event written in the same transaction as the change it reports, relayed to Kafka afterwards. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;
    public String topic;
    @Column(name = "record_key")
    public String recordKey;
    public String type;
    public String payload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    public int attempts;
    /** W3C trace context of the request that wrote the event, if any. */
    public String traceparent;
    @Column(insertable = false, updatable = false)
    public long position;

    @Override
    public String toString() {
        return "OutboxEvent[" + id + " " + type + "]";
    }
}
