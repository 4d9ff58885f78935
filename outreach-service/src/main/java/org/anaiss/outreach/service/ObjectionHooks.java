package org.anaiss.outreach.service;

import java.time.Instant;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** What else an objection stops, besides offers: collective-action invitations. */
final class ObjectionHooks {

    private ObjectionHooks() {
    }

    /** Invitations not yet delivered are cancelled, and messages of invitations still in the mail queue are dropped. */
    static Uni<Integer> afterObjection(Mutiny.Session session, String personKey, Instant now) {
        return session.createNativeQuery("update mail_message set status = 'CANCELLED', recipient_ct = null, subject_ct = null, "
                + "body_ct = null where status = 'PENDING' and dedupe_key in (select 'invitation:' || id from invitation "
                + "where person_key = :k)").setParameter("k", personKey).executeUpdate()
                .chain(() -> session.createNativeQuery("update invitation set status = 'CANCELLED' where person_key = :k "
                        + "and status = 'PENDING'").setParameter("k", personKey).executeUpdate());
    }
}
