package org.anaiss.cases.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A social worker a team lead may assign cases to, as last seen in their token. A directory, never a counter. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    @Id
    public String username;
    @Column(name = "display_name")
    public String displayName;
    @Enumerated(EnumType.STRING)
    public Region region;
    public String team;
    @Column(name = "team_lead")
    public boolean teamLead;
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Override
    public String toString() {
        return "StaffMember[" + username + "]";
    }
}
