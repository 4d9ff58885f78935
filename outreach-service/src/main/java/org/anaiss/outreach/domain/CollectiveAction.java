package org.anaiss.outreach.domain;

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

/** A collective action of one region (information meeting, workshop), held in one or more sessions. */
@Entity
@Table(name = "collective_action")
public class CollectiveAction extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Region region;
    @Enumerated(EnumType.STRING)
    public ActionTheme theme;
    public String title;
    public String description;
    @Column(name = "target_public")
    public String targetPublic;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The outreach officer who created it: for the statistics' staff rule only, never shown or exported. */
    @Column(name = "created_by")
    public String createdBy;
    @Version
    public int version;

    @Override
    public String toString() {
        return "CollectiveAction[" + id + "]";
    }
}
