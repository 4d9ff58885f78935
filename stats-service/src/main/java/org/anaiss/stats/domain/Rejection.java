package org.anaiss.stats.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A message of stats-aggregates that was refused: its position, its key when the key is a
 * well-formed one, and why. Never its content. Written with ON CONFLICT by the repository (a rebuild
 * reads it again); read through this mapping.
 */
@Entity
@Table(name = "rejection")
public class Rejection extends PanacheEntityBase {

    @Id
    public Long id;
    public String topic;
    @Column(name = "partition_no")
    public int partition;
    @Column(name = "kafka_offset")
    public long offset;
    @Column(name = "record_key")
    public String key;
    public String reason;
    @Column(name = "rejected_at")
    public Instant rejectedAt;
}
