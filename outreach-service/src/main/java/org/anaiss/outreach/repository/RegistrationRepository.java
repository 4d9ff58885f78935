package org.anaiss.outreach.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.domain.RegistrationStatus;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Registrations to the sessions of collective actions, and their waiting lists (table registration). */
@ApplicationScoped
public class RegistrationRepository implements PanacheRepositoryBase<Registration, UUID> {

    /** Every registration of the person, the first made first. */
    public Uni<List<Registration>> listOfPerson(String personKey) {
        return list("personKey = ?1 order by createdAt", personKey);
    }

    /** The registration when it belongs to that session, else null. */
    public Uni<Registration> findInSession(UUID registrationId, UUID sessionId) {
        return find("id = ?1 and sessionId = ?2", registrationId, sessionId).firstResult();
    }

    /** A session's registrations that are not cancelled, registered before waiting, in the order they came. */
    public Uni<List<Registration>> listActiveInSession(UUID sessionId) {
        return list("sessionId = ?1 and status <> ?2 order by status, createdAt, id", sessionId, RegistrationStatus.CANCELLED);
    }

    /** A session's registrations holding a seat. */
    public Uni<List<Registration>> listRegistered(UUID sessionId) {
        return list("sessionId = ?1 and status = ?2", sessionId, RegistrationStatus.REGISTERED);
    }

    /** How many people are on a session's waiting list. */
    public Uni<Long> countWaiting(UUID sessionId) {
        return count("sessionId = ?1 and status = ?2", sessionId, RegistrationStatus.WAITING);
    }

    /** How many registrations of the person to the action are not cancelled (at most one is allowed). */
    public Uni<Long> countActive(UUID actionId, String personKey) {
        return count("actionId = ?1 and personKey = ?2 and status <> ?3", actionId, personKey, RegistrationStatus.CANCELLED);
    }

    /** The person's latest registration to the action that is not cancelled, or null. */
    public Uni<Registration> findLatestActive(UUID actionId, String personKey) {
        return find("actionId = ?1 and personKey = ?2 and status <> ?3 order by createdAt desc", actionId, personKey,
                RegistrationStatus.CANCELLED).firstResult();
    }

    /** The registration whose link token hashes to this, or null. */
    public Uni<Registration> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** The first person on the session's waiting list (who came first), or null. */
    public Uni<Registration> findFirstWaiting(UUID sessionId) {
        return find("sessionId = ?1 and status = ?2 order by createdAt, id", sessionId, RegistrationStatus.WAITING).firstResult();
    }
}
