package org.anaiss.cases.repository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.CaseAssignment;

import io.smallrye.mutiny.Uni;

/**
 * The assignment history of cases, written in the transaction that changes the assignment: the row
 * in force ends today, a new one starts today. Days in the statistics' zone, so a period's holders are
 * those whose rows overlap it.
 */
@ApplicationScoped
public class CaseAssignmentRepository {

    private final CaseConfig config;
    private final Clock clock;

    public CaseAssignmentRepository(CaseConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Records that from today the case is held by this team and social worker (either may be null). */
    public Uni<Void> record(UUID caseId, String team, String assignedTo) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.stats().zone());
        return CaseAssignment.<CaseAssignment>find("caseId = ?1 and untilDay is null", caseId).list().chain(current -> {
            if (current.size() == 1 && Objects.equals(current.get(0).team, team)
                    && Objects.equals(current.get(0).assignedTo, assignedTo)) {
                return Uni.createFrom().voidItem();
            }
            current.forEach(row -> row.untilDay = today);
            if (team == null && assignedTo == null) {
                return Uni.createFrom().voidItem();
            }
            CaseAssignment row = new CaseAssignment();
            row.id = UUID.randomUUID();
            row.caseId = caseId;
            row.team = team;
            row.assignedTo = assignedTo;
            row.fromDay = today;
            return row.persist().replaceWithVoid();
        });
    }
}
