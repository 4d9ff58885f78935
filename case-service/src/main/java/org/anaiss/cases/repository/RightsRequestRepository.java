package org.anaiss.cases.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.RightsRequest;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RightsRequestRepository implements PanacheRepositoryBase<RightsRequest, UUID> {

    public Uni<List<RightsRequest>> forPerson(UUID personId) {
        return list("personId = ?1 order by receivedAt", personId);
    }

    /** Open ones by due date (the DPO's queue), or all, newest first. */
    public Uni<List<RightsRequest>> listAll(boolean openOnly) {
        return openOnly ? list("status = ?1 order by dueAt", RightsRequest.Status.OPEN) : list("order by receivedAt desc");
    }
}
