package org.anaiss.outreach.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Objection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Objections to outreach, by person key only (table objection), and what recording one stops. */
@ApplicationScoped
public class ObjectionRepository {

    /** The person's objection, or null. */
    public Uni<Objection> findByPersonKey(String personKey) {
        return Objection.findById(personKey);
    }

    /**
     * In the current transaction: records the objection (a second one changes nothing), cancels the person's open
     * offers and undelivered invitations, and drops their messages still waiting in the mail queue.
     */
    public Uni<Void> recordAndStopOutreach(String personKey, String source, Instant now) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into objection (person_key, source, recorded_at) values (:k, :s, :t) on conflict do nothing")
                .setParameter("k", personKey).setParameter("s", source).setParameter("t", now)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("update mail_message set status = 'CANCELLED', recipient_ct = null, "
                        + "subject_ct = null, body_ct = null where status = 'PENDING' and dedupe_key in (select 'offer:' || id "
                        + "from offer where person_key = :k and status in ('PENDING', 'SENT', 'POSTPONED'))")
                        .setParameter("k", personKey).executeUpdate())
                .chain(() -> session.createNativeQuery("update offer set status = 'CANCELLED', closed_at = :t, version = version + 1 "
                        + "where person_key = :k and status in ('PENDING', 'SENT', 'POSTPONED')")
                        .setParameter("k", personKey).setParameter("t", now).executeUpdate())
                // collective-action invitations: those not yet delivered are cancelled, their queued messages dropped
                .chain(() -> session.createNativeQuery("update mail_message set status = 'CANCELLED', recipient_ct = null, "
                        + "subject_ct = null, body_ct = null where status = 'PENDING' and dedupe_key in (select 'invitation:' || id "
                        + "from invitation where person_key = :k)").setParameter("k", personKey).executeUpdate())
                .chain(() -> session.createNativeQuery("update invitation set status = 'CANCELLED' where person_key = :k "
                        + "and status = 'PENDING'").setParameter("k", personKey).executeUpdate()))
                .replaceWithVoid();
    }
}
