package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Invitation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Invitations of signalled people to collective actions (table invitation), by rounds (table invitation_round). */
@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The invitation whose link token hashes to this, or null. */
    public Uni<Invitation> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Every invitation of the person, the first made first. */
    public Uni<List<Invitation>> listOfPerson(String personKey) {
        return list("personKey = ?1 order by createdAt", personKey);
    }

    /** The person's invitation to the action, or null (one at most). */
    public Uni<Invitation> findOfPerson(UUID actionId, String personKey) {
        return find("actionId = ?1 and personKey = ?2", actionId, personKey).firstResult();
    }

    /** An action's invitations sent as letters, in the order they were sent (the mail room's merged letters). */
    public Uni<List<Invitation>> listSentLetters(UUID actionId) {
        return list("actionId = ?1 and status = 'SENT' and pdfCiphertext is not null order by sentAt, id", actionId);
    }

    /** In the current transaction: records a round of invitations, its channel and message. */
    public Uni<Integer> insertRound(UUID roundId, UUID actionId, String channel, String subject, String template, Instant now) {
        return Panache.getSession().chain(db -> db.createNativeQuery("insert into invitation_round (id, action_id, channel, "
                + "subject, template, created_at) values (:id, :a, :c, :s, :t, :now)")
                .setParameter("id", roundId).setParameter("a", actionId).setParameter("c", channel)
                .setParameter("s", subject).setParameter("t", template).setParameter("now", now)
                .executeUpdate());
    }

    /**
     * In the current transaction: a PENDING invitation in the round for each person (the latest signal) of the region
     * signalled with one of the types within the window, reachable by the channel, without an objection and, unless
     * {@code includeOpenCases}, without an open case; a person already invited to the action is skipped. Returns how
     * many were invited; the invitation worker writes to them.
     */
    public Uni<Integer> insertForRound(UUID roundId, UUID actionId, String channel, String region, List<String> signalTypes,
            LocalDate windowFrom, LocalDate windowTo, boolean includeOpenCases, Instant expiresAt, Instant now) {
        return Panache.getSession().chain(db -> db.createNativeQuery("insert into invitation (id, action_id, round_id, signal_id, "
                + "person_key, channel, status, expires_at, created_at) "
                + "select gen_random_uuid(), :a, :round, t.id, t.person_key, :c, 'PENDING', :exp, :now from ("
                + "select distinct on (s.person_key) s.id, s.person_key from signal s where s.region = :region "
                + "and s.signal_type in (:types) and s.signal_date between :from and :to "
                + "and (case when :c = 'EMAIL' then s.has_email else s.has_address end) "
                + "and not exists (select 1 from objection j where j.person_key = s.person_key) "
                + "and (:all or not exists (select 1 from known_case k where k.person_key = s.person_key "
                + "and k.status <> 'CLOSED')) "
                + "order by s.person_key, s.signal_date desc, s.received_at desc, s.id) t "
                + "on conflict do nothing")
                .setParameter("a", actionId).setParameter("round", roundId).setParameter("c", channel)
                .setParameter("exp", expiresAt).setParameter("now", now).setParameter("region", region)
                .setParameter("types", signalTypes)
                .setParameter("from", windowFrom).setParameter("to", windowTo)
                .setParameter("all", includeOpenCases)
                .executeUpdate());
    }
}
