package org.anaiss.cases.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Who held a case from one day to another: its team and the social worker it was assigned to. Read
 * only by the statistics' staff rule (a regional figure must be the work of several teams and social
 * workers); never exported, never shown.
 */
@Entity
@Table(name = "case_assignment")
public class CaseAssignment extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    public String team;
    @Column(name = "assigned_to")
    public String assignedTo;
    @Column(name = "from_day")
    public LocalDate fromDay;
    @Column(name = "until_day")
    public LocalDate untilDay;
}
