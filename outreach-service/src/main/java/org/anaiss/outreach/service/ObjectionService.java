package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.NirHasher;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A person's objection to outreach, kept by person key only. Recording it cancels their open offers
 * (and the messages still waiting in the mail queue); every later selection skips them.
 */
@ApplicationScoped
public class ObjectionService {

    private final Clock clock;
    private final NirHasher hasher;

    private final AuditTrail audit;

    public ObjectionService(Clock clock, NirHasher hasher, AuditTrail audit) {
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
    }

    /** Recorded by an officer at the person's request (phone, letter, desk). */
    @WithTransaction
    public Uni<Void> recordByOfficer(Caller caller, String nir) {
        String key = hasher.personKeyOf(nir);
        return record(key, org.anaiss.outreach.domain.Objection.OFFICER)
                .call(() -> audit.record(caller, AuditAction.CREATE, "objection", null, key));
    }

    /** Call inside a transaction. Idempotent: a second objection changes nothing. */
    public Uni<Void> record(String personKey, String source) {
        Instant now = clock.instant();
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
                .chain(() -> ObjectionHooks.afterObjection(session, personKey, now)))
                .replaceWithVoid();
    }
}
