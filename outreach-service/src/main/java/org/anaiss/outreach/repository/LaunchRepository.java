package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Channel;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the launch worker reads and writes, blocking on the reactive pool ({@link Sql}; worker threads only): a
 * launch's state in its campaign row (phase, progress, lease), its offers, and the letters it prints. The methods
 * taking a connection run in the worker's transaction.
 */
@ApplicationScoped
public class LaunchRepository {

    /** The campaign settings a job needs. */
    public record Job(UUID id, String region, Channel channel, String[] types, LocalDate from, LocalDate to, LocalDate deadline,
            String subject, String template, String phase, UUID actionId) {
    }

    /** One PENDING offer with what renders it. */
    public record Pending(UUID offerId, UUID signalId, String personKey, byte[] personCiphertext, String keyId) {
    }

    private final Sql sql;

    public LaunchRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Takes the lease of the launch waiting longest whose lease is free, expired or already the owner's, until
     * {@code leaseUntil}; null when there is none. A row another instance is claiming at that moment is skipped.
     */
    public Job claim(String owner, Instant leaseUntil, Instant now) {
        var rows = sql.execute("update campaign set lease_owner = $1, lease_until = $2 where id = (select id from campaign "
                + "where status = 'LAUNCHING' and (lease_until is null or lease_until < $3 or lease_owner = $1) "
                + "order by launched_at limit 1 for update skip locked) returning id, region, channel, signal_types, "
                + "window_from, window_to, answer_deadline, subject, template, phase, action_id",
                Tuple.of(owner, Times.utc(leaseUntil), Times.utc(now)));
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new Job(r.getUUID("id"), r.getString("region"), Channel.valueOf(r.getString("channel")),
                r.getString("signal_types").split(","), r.getLocalDate("window_from"), r.getLocalDate("window_to"),
                r.getLocalDate("answer_deadline"), r.getString("subject"), r.getString("template"), r.getString("phase"),
                r.getUUID("action_id"));
    }

    /** Gives the lease up (a graceful stop), so that another instance takes the launch over at once. */
    public void releaseLease(UUID campaignId, String owner) {
        sql.execute("update campaign set lease_until = null where id = $1 and lease_owner = $2", Tuple.of(campaignId, owner));
    }

    /** Extends the lease; false when the owner no longer holds it (taken over) or the launch is no longer running. */
    public boolean renewLease(SqlConnection conn, UUID campaignId, String owner, Instant until) {
        return Sql.execute(conn, "update campaign set lease_until = $3 where id = $1 and lease_owner = $2 and status = 'LAUNCHING'",
                Tuple.of(campaignId, owner, Times.utc(until))).rowCount() == 1;
    }

    /** The round, named after the campaign, of the invitations its offers carry (once: a resumed selection adds nothing). */
    public void insertInvitationRound(SqlConnection conn, Job job, Instant now) {
        Sql.execute(conn, "insert into invitation_round (id, action_id, channel, subject, template, created_at) "
                + "values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing", Tuple.tuple().addUUID(job.id())
                        .addUUID(job.actionId()).addString(job.channel().name()).addString(job.subject())
                        .addString(job.template()).addOffsetDateTime(Times.utc(now)));
    }

    /** A PENDING offer for each person the campaign targets ({@link OfferTargets}); idempotent. */
    public void insertOffers(SqlConnection conn, Job job, Instant expiresAt, Instant now) {
        Sql.execute(conn, OfferTargets.INSERT, OfferTargets.insertArgs(job.region(), job.types(), job.from(), job.to(),
                job.channel().name(), job.id(), expiresAt, now));
    }

    /** Selection done: the launch delivers now, its total and progress counted from its offers. */
    public void startDelivering(SqlConnection conn, UUID campaignId) {
        Sql.execute(conn, "update campaign set phase = 'DELIVERING', total = (select count(*) from offer where campaign_id = $1), "
                + "done = (select count(*) from offer where campaign_id = $1 and status <> 'PENDING') where id = $1",
                Tuple.of(campaignId));
    }

    /** Up to {@code limit} PENDING offers of the campaign, by id. */
    public List<Pending> listPending(UUID campaignId, int limit) {
        List<Pending> chunk = new ArrayList<>();
        for (Row r : sql.execute("select o.id, o.signal_id, o.person_key, s.person_ct, s.person_key_id from offer o "
                + "join signal s on s.id = o.signal_id where o.campaign_id = $1 and o.status = 'PENDING' order by o.id limit $2",
                Tuple.of(campaignId, limit))) {
            chunk.add(new Pending(r.getUUID("id"), r.getUUID("signal_id"), r.getString("person_key"), r.getBuffer("person_ct").getBytes(),
                    r.getString("person_key_id")));
        }
        return chunk;
    }

    /** Locks those of the offers still PENDING and returns their ids; the others were cancelled meanwhile (an objection). */
    public Set<UUID> lockPending(SqlConnection conn, List<UUID> ids) {
        Set<UUID> kept = new HashSet<>();
        for (Row r : Sql.execute(conn, "select id from offer where id = any($1) and status = 'PENDING' for update",
                Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))) {
            kept.add(r.getUUID("id"));
        }
        return kept;
    }

    /** The number of the campaign's next batch of letters (1 for the first). */
    public Integer nextBatchNo(SqlConnection conn, UUID campaignId) {
        return Sql.execute(conn, "select coalesce(max(batch_no), 0) + 1 as n from letter_batch where campaign_id = $1",
                Tuple.of(campaignId)).iterator().next().getInteger("n");
    }

    /** Stores a batch's merged letters, encrypted. */
    public void insertLetterBatch(SqlConnection conn, UUID campaignId, Integer batchNo, int letters, byte[] ciphertext, String keyId,
            Instant now) {
        Sql.execute(conn, "insert into letter_batch (campaign_id, batch_no, letters, pdf_ct, pdf_key, created_at) "
                + "values ($1, $2, $3, $4, $5, $6)", Tuple.tuple().addUUID(campaignId).addInteger(batchNo)
                        .addInteger(letters).addBuffer(Buffer.buffer(ciphertext)).addString(keyId)
                        .addOffsetDateTime(Times.utc(now)));
    }

    /** Stores each offer's own letter, encrypted; each row is offer id, ciphertext, key id. */
    public void insertOfferLetters(SqlConnection conn, List<Tuple> rows) {
        Sql.batch(conn, "insert into offer_letter (offer_id, pdf_ct, pdf_key) values ($1, $2, $3) on conflict do nothing", rows);
    }

    /** Marks offers SENT; each row is offer id, sent at, token hash, letter batch (null for e-mails). */
    public void markSent(SqlConnection conn, List<Tuple> rows) {
        Sql.batch(conn, "update offer set status = 'SENT', sent_at = $2, token_hash = $3, letter_batch = $4, version = version + 1 "
                + "where id = $1 and status = 'PENDING'", rows);
    }

    /** Counts a chunk handled (never beyond the total). */
    public void progress(SqlConnection conn, UUID campaignId, int handled) {
        Sql.execute(conn, "update campaign set done = least(total, done + $2) where id = $1", Tuple.of(campaignId, handled));
    }

    /** The launch is done: final counts from its offers, lease released. */
    public void finish(SqlConnection conn, UUID campaignId, Instant now) {
        Sql.execute(conn, "update campaign set status = 'DONE', phase = null, lease_owner = null, lease_until = null, "
                + "finished_at = $2, done = (select count(*) from offer where campaign_id = $1 and status <> 'PENDING'), "
                + "total = (select count(*) from offer where campaign_id = $1), version = version + 1 where id = $1",
                Tuple.of(campaignId, Times.utc(now)));
    }
}
