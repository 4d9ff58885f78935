package org.anaiss.outreach.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Invitation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Invitations of signalled people to collective actions (table invitation). */
@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The invitation whose link token hashes to this, or null. */
    public Uni<Invitation> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }
}
