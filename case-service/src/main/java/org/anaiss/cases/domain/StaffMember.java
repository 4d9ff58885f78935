package org.anaiss.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A social worker a team lead may assign cases to, as their token describes them. A directory: no time of use, never a counter. */
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

    @Override
    public String toString() {
        return "StaffMember[" + username + "]";
    }
}
