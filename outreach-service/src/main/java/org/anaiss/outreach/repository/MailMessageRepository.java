package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The mail queue's messages (table mail_message), already encrypted by the caller. */
@ApplicationScoped
public class MailMessageRepository {

    /**
     * In the current Hibernate Reactive transaction: queues a message to send from {@code now}; 1 when queued, 0 when
     * that dedupe key was already queued (a message is sent at most once per key).
     */
    public Uni<Integer> insertPending(UUID id, String dedupeKey, byte[] recipient, byte[] subject, byte[] body, String keyId,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into mail_message (id, dedupe_key, "
                + "recipient_ct, subject_ct, body_ct, ct_key, status, attempts, not_before, created_at) "
                + "values (:id, :k, :to, :s, :b, :key, 'PENDING', 0, :t, :t) on conflict (dedupe_key) do nothing")
                .setParameter("id", id).setParameter("k", dedupeKey).setParameter("to", recipient)
                .setParameter("s", subject).setParameter("b", body).setParameter("key", keyId)
                .setParameter("t", now).executeUpdate());
    }
}
