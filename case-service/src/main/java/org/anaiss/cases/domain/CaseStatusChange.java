package org.anaiss.cases.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One step of a case's status history: the status and the day it took effect. No author and no time of
 * day: the history belongs to the case, it is not a record of anyone's work.
 */
@Entity
@Table(name = "case_status_change")
public class CaseStatusChange extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    /** Given by the database; orders the changes of one day. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason")
    public ClosureReason closureReason;
    @Column(name = "changed_on")
    public LocalDate changedOn;
}
