package org.anaiss.stats.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The one release of one key (producer/measure/granularity/period), as first received: never
 * replaced. Written by the ingestion's own SQL; read through this mapping.
 */
@Entity
@Table(name = "snapshot")
public class Snapshot extends PanacheEntityBase {

    @Id
    @Column(name = "snapshot_key")
    public String key;
    @Column(insertable = false, updatable = false)
    public Long id;
    public String producer;
    public String measure;
    @Enumerated(EnumType.STRING)
    public Granularity granularity;
    public String period;
    public long version;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "produced_at")
    public Instant producedAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "noise_key_id")
    public String noiseKeyId;
    public double epsilon;
}
