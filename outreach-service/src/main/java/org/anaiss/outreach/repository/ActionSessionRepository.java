package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.Region;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Sessions of collective actions (table action_session). Their seats taken are counted by conditional SQL updates
 * only, never through the entity: the row lock of the update serialises concurrent registrations on a session.
 */
@ApplicationScoped
public class ActionSessionRepository implements PanacheRepositoryBase<ActionSession, UUID> {

    /** An action's sessions, the earliest first. */
    public Uni<List<ActionSession>> listByAction(UUID actionId) {
        return list("actionId = ?1 order by startsAt", actionId);
    }

    /** An action's sessions starting after that instant, the earliest first. */
    public Uni<List<ActionSession>> listStartingAfter(UUID actionId, Instant after) {
        return list("actionId = ?1 and startsAt > ?2 order by startsAt", actionId, after);
    }

    /** The session when it belongs to that action, else null. */
    public Uni<ActionSession> findInAction(UUID sessionId, UUID actionId) {
        return find("id = ?1 and actionId = ?2", sessionId, actionId).firstResult();
    }

    /** How many sessions of the action are still to come, counted only when the action is one of that region. */
    public Uni<Long> countUpcomingInRegion(UUID actionId, Instant after, Region region) {
        return count("actionId = ?1 and startsAt > ?2 and actionId in (select a.id from CollectiveAction a "
                + "where a.region = ?3)", actionId, after, region);
    }

    /** The seats taken now, read from the row: the entity never holds the count the SQL updates maintain. */
    public Uni<Integer> seatsTaken(UUID sessionId) {
        return Panache.getSession().chain(db -> db.createNativeQuery("select seats_taken from action_session where id = :id", Integer.class)
                .setParameter("id", sessionId).getSingleResult());
    }

    /** In the current transaction: takes a seat if one is left; 1 when taken, 0 when the session is full. */
    public Uni<Integer> takeSeat(UUID sessionId) {
        return Panache.getSession().chain(db -> db.createNativeQuery(
                "update action_session set seats_taken = seats_taken + 1 where id = :id and seats_taken < capacity")
                .setParameter("id", sessionId).executeUpdate());
    }

    /** In the current transaction: frees a seat (never below zero). */
    public Uni<Integer> freeSeat(UUID sessionId) {
        return Panache.getSession().chain(db -> db.createNativeQuery("update action_session set seats_taken = seats_taken - 1 "
                + "where id = :id and seats_taken > 0").setParameter("id", sessionId).executeUpdate());
    }

    /**
     * Locks the session's row until the transaction ends: a cancellation that hands its seat to the first person
     * waiting must not race another cancellation or a registration on the same session.
     */
    public Uni<Void> lockForUpdate(UUID sessionId) {
        return Panache.getSession().chain(db -> db.createNativeQuery("select id from action_session where id = :id for update")
                .setParameter("id", sessionId).getResultList()).replaceWithVoid();
    }
}
