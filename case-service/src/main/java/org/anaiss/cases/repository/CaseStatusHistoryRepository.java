package org.anaiss.cases.repository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.CaseStatusChange;
import org.anaiss.cases.domain.ClosureReason;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The status history of cases, written in the transaction that changes the status; days in the statistics' zone. */
@ApplicationScoped
public class CaseStatusHistoryRepository implements PanacheRepositoryBase<CaseStatusChange, UUID> {

    private final CaseConfig config;
    private final Clock clock;

    public CaseStatusHistoryRepository(CaseConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> record(UUID caseId, CaseStatus status, ClosureReason reason) {
        CaseStatusChange change = new CaseStatusChange();
        change.id = UUID.randomUUID();
        change.caseId = caseId;
        change.status = status;
        change.closureReason = reason;
        change.changedOn = LocalDate.ofInstant(clock.instant(), config.stats().zone());
        return persist(change).replaceWithVoid();
    }

    /** Oldest first. */
    public Uni<List<CaseStatusChange>> of(UUID caseId) {
        return find("caseId = ?1 order by changedOn, seq", caseId).list();
    }
}
