package org.anaiss.cases.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.PlanStep;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlanStepRepository implements PanacheRepositoryBase<PlanStep, UUID> {

    public Uni<List<PlanStep>> listForCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt", caseId);
    }

    public Uni<PlanStep> findInCase(UUID id, UUID caseId) {
        return find("id = ?1 and caseId = ?2", id, caseId).firstResult();
    }

    public Uni<Long> deleteForCase(UUID caseId) {
        return delete("caseId = ?1", caseId);
    }
}
