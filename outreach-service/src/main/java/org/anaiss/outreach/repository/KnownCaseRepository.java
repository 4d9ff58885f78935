package org.anaiss.outreach.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.anaiss.outreach.domain.KnownCase;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The cases of case-service this service has learned of from case-events (table known_case). */
@ApplicationScoped
public class KnownCaseRepository implements PanacheRepositoryBase<KnownCase, UUID> {

    /**
     * The case's row, locked until the transaction ends (null when unknown): an erasure applied meanwhile on another
     * thread unlinks the row, and an event applied to an unlocked copy would put the erased person's key back.
     */
    public Uni<KnownCase> findForUpdate(UUID caseId) {
        return findById(caseId, LockModeType.PESSIMISTIC_WRITE);
    }
}
