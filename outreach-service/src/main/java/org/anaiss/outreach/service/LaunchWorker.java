package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.repository.OfferTargets;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.qute.Template;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs campaign launches in the background, resumable after a restart.
 *
 * <p>The job's state lives in the campaign row (status LAUNCHING, phase, progress, lease), so any
 * instance resumes it: a job is worked on by the holder of its lease only (renewed at each chunk;
 * taken over once expired, released at a graceful stop). Phase SELECTING creates every offer in one
 * transaction (all or nothing; unique (campaign, person) and (signal) make it idempotent). Phase
 * DELIVERING takes PENDING offers in chunks; for each chunk, one transaction checks the lease, locks
 * the offers still PENDING (an objection may have cancelled some), stores what was rendered (letters,
 * or messages in the mail queue, one per offer by its dedupe key) and marks the offers SENT. A crash
 * loses at most the chunk being rendered, which is redone: nothing is delivered twice, no one is
 * missed. E-mails then leave through the mail queue ({@link MailRelay}, which states its own guarantee).
 */
@ApplicationScoped
public class LaunchWorker {

    private static final Logger LOG = Logger.getLogger(LaunchWorker.class);

    /** The campaign settings a job needs. */
    record Job(UUID id, String region, Channel channel, String[] types, LocalDate from, LocalDate to, LocalDate deadline,
            String subject, String template, String phase, UUID actionId) {
    }

    /** One PENDING offer with what renders it. */
    record Pending(UUID offerId, UUID signalId, String personKey, byte[] personCiphertext, String keyId) {
    }

    /**
     * The collective action an offer proposes: its upcoming sessions as text, until when its link works,
     * and the invitation (id) of each person of the chunk: the one they already have, or a new one.
     */
    record ActionOption(String sessions, Instant expiresAt, Map<String, UUID> invitationByPerson, Set<String> alreadyInvited) {
    }

    /** Another instance holds the job now: stop working on it (nothing of the chunk was committed). */
    static class LostLease extends RuntimeException {
        LostLease() {
            super("lease lost", null, false, false);
        }
    }

    private final Sql sql;
    private final PersonVault vault;
    private final AnswerLinks links;
    private final MessageRenderer renderer;
    private final LetterRenderer letters;
    private final MailQueue mails;
    private final FieldCipher cipher;
    private final OutreachConfig config;
    private final Clock clock;
    private final String owner = "launch-" + UUID.randomUUID();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    public LaunchWorker(Sql sql, PersonVault vault, AnswerLinks links, MessageRenderer renderer, LetterRenderer letters,
            MailQueue mails, FieldCipher cipher, OutreachConfig config, Clock clock) {
        this.sql = sql;
        this.vault = vault;
        this.links = links;
        this.renderer = renderer;
        this.letters = letters;
        this.mails = mails;
        this.cipher = cipher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.launch.interval:2s}", delayed = "${anaiss.outreach.launch.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "launch-worker")
    void scheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warnf("launch round failed (%s); resuming next round", e.getClass().getSimpleName());
        }
    }

    /** Works on launch jobs until none is left (or the service stops); returns the number finished. */
    public int runOnce() {
        if (stopping.get() || !running.tryLock()) {
            return 0;
        }
        int finished = 0;
        try {
            Job job;
            while (!stopping.get() && (job = claim()) != null) {
                try {
                    if (process(job)) {
                        finished++;
                    }
                } catch (LostLease e) {
                    LOG.infof("launch of campaign %s taken over by another instance", job.id());
                }
            }
        } finally {
            running.unlock();
        }
        return finished;
    }

    private Job claim() {
        Instant now = clock.instant();
        var rows = sql.execute("update campaign set lease_owner = $1, lease_until = $2 where id = (select id from campaign "
                + "where status = 'LAUNCHING' and (lease_until is null or lease_until < $3 or lease_owner = $1) "
                + "order by launched_at limit 1 for update skip locked) returning id, region, channel, signal_types, "
                + "window_from, window_to, answer_deadline, subject, template, phase, action_id",
                Tuple.of(owner, Times.utc(now.plus(config.launch().lease())), Times.utc(now)));
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new Job(r.getUUID("id"), r.getString("region"), Channel.valueOf(r.getString("channel")),
                r.getString("signal_types").split(","), r.getLocalDate("window_from"), r.getLocalDate("window_to"),
                r.getLocalDate("answer_deadline"), r.getString("subject"), r.getString("template"), r.getString("phase"),
                r.getUUID("action_id"));
    }

    /** @return true when the job finished, false when it was left for later (stopping) */
    private boolean process(Job job) {
        long started = System.nanoTime();
        if ("SELECTING".equals(job.phase())) {
            select(job);
        }
        Template template = renderer.parse(job.template());
        while (true) {
            if (stopping.get()) {
                sql.execute("update campaign set lease_until = null where id = $1 and lease_owner = $2", Tuple.of(job.id(), owner));
                return false;
            }
            List<Pending> chunk = pending(job);
            if (chunk.isEmpty()) {
                finish(job);
                LOG.infof("launch of campaign %s finished in %d ms", job.id(), (System.nanoTime() - started) / 1_000_000);
                return true;
            }
            if (job.channel() == Channel.EMAIL) {
                deliverEmails(job, template, chunk);
            } else {
                deliverLetters(job, template, chunk);
            }
        }
    }

    private void select(Job job) {
        Instant now = clock.instant();
        sql.inTransaction(conn -> {
            renewLease(conn, job);
            if (job.actionId() != null) {
                // the invitations carried by the offers belong to a round named after the campaign
                Sql.execute(conn, "insert into invitation_round (id, action_id, channel, subject, template, created_at) "
                        + "values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing", Tuple.tuple().addUUID(job.id())
                                .addUUID(job.actionId()).addString(job.channel().name()).addString(job.subject())
                                .addString(job.template()).addOffsetDateTime(Times.utc(now)));
            }
            Sql.execute(conn, OfferTargets.INSERT, OfferTargets.insertArgs(job.region(), job.types(), job.from(), job.to(),
                    job.channel().name(), job.id(), Times.endOfDay(job.deadline(), config.zone()), now));
            Sql.execute(conn, "update campaign set phase = 'DELIVERING', total = (select count(*) from offer where campaign_id = $1), "
                    + "done = (select count(*) from offer where campaign_id = $1 and status <> 'PENDING') where id = $1",
                    Tuple.of(job.id()));
            return null;
        });
    }

    private List<Pending> pending(Job job) {
        List<Pending> chunk = new ArrayList<>();
        for (Row r : sql.execute("select o.id, o.signal_id, o.person_key, s.person_ct, s.person_key_id from offer o "
                + "join signal s on s.id = o.signal_id where o.campaign_id = $1 and o.status = 'PENDING' order by o.id limit $2",
                Tuple.of(job.id(), config.launch().chunkSize()))) {
            chunk.add(new Pending(r.getUUID("id"), r.getUUID("signal_id"), r.getString("person_key"), r.getBuffer("person_ct").getBytes(),
                    r.getString("person_key_id")));
        }
        return chunk;
    }

    private void deliverEmails(Job job, Template template, List<Pending> chunk) {
        Instant now = clock.instant();
        ActionOption option = option(job, chunk, now);
        List<UUID> ids = new ArrayList<>();
        List<Tuple> messages = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Pending p : chunk) {
            PersonIdentity person = vault.open(p.signalId(), p.keyId(), p.personCiphertext());
            String token = links.offerToken(p.offerId());
            String url = links.answerUrl(token);
            String body = renderer.render(template, new MessageRenderer.Values(person.firstName(), person.lastName(),
                    job.deadline(), url, registrationUrl(option, p), option == null ? null : option.sessions())) + footer(url);
            ids.add(p.offerId());
            hashes.add(AnswerLinks.hash(token));
            messages.add(mails.row(MailQueue.offerKey(p.offerId()), person.email(), job.subject(), body, now, now));
        }
        sql.inTransaction(conn -> {
            renewLease(conn, job);
            Set<UUID> kept = lockPending(conn, ids);
            List<Tuple> mailRows = new ArrayList<>();
            List<Tuple> offerRows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (kept.contains(ids.get(i))) {
                    mailRows.add(messages.get(i));
                    offerRows.add(Tuple.of(ids.get(i), Times.utc(now), hashes.get(i), null));
                }
            }
            batch(conn, MailQueue.INSERT, mailRows);
            markSent(conn, offerRows);
            inviteWithOffers(conn, job, option, chunk, kept, now);
            progress(conn, job, chunk.size());
            return null;
        });
    }

    private void deliverLetters(Job job, Template template, List<Pending> chunk) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        List<UUID> ids = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        String sender = "Service social de l'Assurance Maladie - " + Regions.label(job.region());
        ActionOption option = option(job, chunk, now);
        // rendering and sealing are CPU work, independent per letter: spread over the cores
        int n = chunk.size();
        byte[][] rendered = new byte[n][];
        String[] tokenHashes = new String[n];
        FieldCipher.Sealed[] sealedLetters = new FieldCipher.Sealed[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            Pending p = chunk.get(i);
            PersonIdentity person = vault.open(p.signalId(), p.keyId(), p.personCiphertext());
            String token = links.offerToken(p.offerId());
            String url = links.answerUrl(token);
            String body = renderer.render(template, new MessageRenderer.Values(person.firstName(), person.lastName(),
                    job.deadline(), url, registrationUrl(option, p), option == null ? null : option.sessions()));
            rendered[i] = letters.render(new LetterRenderer.Letter(sender, addressLines(person), today, job.subject(), body, url,
                    job.deadline()));
            tokenHashes[i] = AnswerLinks.hash(token);
            sealedLetters[i] = cipher.seal(rendered[i], letterPlace(p.offerId()));
        });
        for (int i = 0; i < n; i++) {
            ids.add(chunk.get(i).offerId());
            pdfs.add(rendered[i]);
            hashes.add(tokenHashes[i]);
        }
        byte[] merged = letters.merge(pdfs);
        List<FieldCipher.Sealed> sealed = List.of(sealedLetters);
        sql.inTransaction(conn -> {
            renewLease(conn, job);
            Set<UUID> kept = lockPending(conn, ids);
            byte[] batchPdf = merged;
            if (kept.size() < ids.size()) {
                List<byte[]> still = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    if (kept.contains(ids.get(i))) {
                        still.add(pdfs.get(i));
                    }
                }
                batchPdf = still.isEmpty() ? null : letters.merge(still);
            }
            Integer batchNo = null;
            if (batchPdf != null) {
                batchNo = Sql.execute(conn, "select coalesce(max(batch_no), 0) + 1 as n from letter_batch where campaign_id = $1",
                        Tuple.of(job.id())).iterator().next().getInteger("n");
                FieldCipher.Sealed batch = cipher.seal(batchPdf, batchPlace(job.id(), batchNo));
                Sql.execute(conn, "insert into letter_batch (campaign_id, batch_no, letters, pdf_ct, pdf_key, created_at) "
                        + "values ($1, $2, $3, $4, $5, $6)", Tuple.tuple().addUUID(job.id()).addInteger(batchNo)
                                .addInteger(kept.size()).addBuffer(Buffer.buffer(batch.ciphertext())).addString(batch.keyId())
                                .addOffsetDateTime(Times.utc(now)));
            }
            List<Tuple> letterRows = new ArrayList<>();
            List<Tuple> offerRows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (kept.contains(ids.get(i))) {
                    letterRows.add(Tuple.tuple().addUUID(ids.get(i)).addBuffer(Buffer.buffer(sealed.get(i).ciphertext()))
                            .addString(sealed.get(i).keyId()));
                    offerRows.add(Tuple.of(ids.get(i), Times.utc(now), hashes.get(i), batchNo));
                }
            }
            batch(conn, "insert into offer_letter (offer_id, pdf_ct, pdf_key) values ($1, $2, $3) on conflict do nothing", letterRows);
            markSent(conn, offerRows);
            inviteWithOffers(conn, job, option, chunk, kept, now);
            progress(conn, job, chunk.size());
            return null;
        });
    }

    /** The action option of a chunk, or null when the campaign proposes no collective action. */
    private ActionOption option(Job job, List<Pending> chunk, Instant now) {
        if (job.actionId() == null) {
            return null;
        }
        List<ActionSession> sessions = new ArrayList<>();
        Instant lastEnd = now;
        for (Row r : sql.execute("select id, starts_at, duration_minutes, place, video_url from action_session where action_id = $1 "
                + "and starts_at > $2 order by starts_at", Tuple.of(job.actionId(), Times.utc(now)))) {
            ActionSession s = new ActionSession();
            s.id = r.getUUID("id");
            s.startsAt = r.getOffsetDateTime("starts_at").toInstant();
            s.durationMinutes = r.getInteger("duration_minutes");
            s.place = r.getString("place");
            s.videoUrl = r.getString("video_url");
            sessions.add(s);
            lastEnd = s.endsAt().isAfter(lastEnd) ? s.endsAt() : lastEnd;
        }
        Map<String, UUID> byPerson = new HashMap<>();
        Set<String> already = new HashSet<>();
        for (Row r : sql.execute("select id, person_key from invitation where action_id = $1 and person_key = any($2)",
                Tuple.tuple().addUUID(job.actionId()).addArrayOfString(chunk.stream().map(Pending::personKey).toArray(String[]::new)))) {
            byPerson.put(r.getString("person_key"), r.getUUID("id"));
            already.add(r.getString("person_key"));
        }
        for (Pending p : chunk) {
            byPerson.computeIfAbsent(p.personKey(), k -> UUID.randomUUID());
        }
        return new ActionOption(ActionTexts.sessions(sessions, config.zone()), lastEnd, byPerson, already);
    }

    private String registrationUrl(ActionOption option, Pending p) {
        return option == null ? null : links.registrationUrl(links.token("invitation", option.invitationByPerson().get(p.personKey())));
    }

    /** The invitations the offers of the chunk carry (people already invited keep their invitation). */
    private void inviteWithOffers(SqlConnection conn, Job job, ActionOption option, List<Pending> chunk, Set<UUID> kept, Instant now) {
        if (option == null) {
            return;
        }
        List<Tuple> rows = new ArrayList<>();
        for (Pending p : chunk) {
            if (kept.contains(p.offerId()) && !option.alreadyInvited().contains(p.personKey())) {
                UUID id = option.invitationByPerson().get(p.personKey());
                rows.add(Tuple.tuple().addUUID(id).addUUID(job.actionId()).addUUID(job.id()).addUUID(p.signalId())
                        .addString(p.personKey()).addString(job.channel().name())
                        .addString(AnswerLinks.hash(links.token("invitation", id))).addOffsetDateTime(Times.utc(option.expiresAt()))
                        .addOffsetDateTime(Times.utc(now)));
            }
        }
        batch(conn, "insert into invitation (id, action_id, round_id, signal_id, person_key, channel, status, token_hash, expires_at, "
                + "created_at, sent_at) values ($1, $2, $3, $4, $5, $6, 'SENT', $7, $8, $9, $9) on conflict do nothing", rows);
    }

    static List<String> addressLines(PersonIdentity p) {
        List<String> lines = new ArrayList<>();
        lines.add(p.firstName() + " " + p.lastName().toUpperCase());
        if (p.addressLine() != null) {
            lines.add(p.addressLine());
        }
        lines.add((p.postalCode() == null ? "" : p.postalCode() + " ") + (p.city() == null ? "" : p.city().toUpperCase()));
        return lines;
    }

    static String footer(String url) {
        return "\n\n--\nPour répondre, ou pour demander à ne plus être contacté(e) : " + url + "\n";
    }

    public static String letterPlace(UUID offerId) {
        return "offer_letter:pdf:" + offerId;
    }

    public static String batchPlace(UUID campaignId, int batchNo) {
        return "letter_batch:pdf:" + campaignId + ":" + batchNo;
    }

    private void renewLease(SqlConnection conn, Job job) {
        int n = Sql.execute(conn, "update campaign set lease_until = $3 where id = $1 and lease_owner = $2 and status = 'LAUNCHING'",
                Tuple.of(job.id(), owner, Times.utc(clock.instant().plus(config.launch().lease())))).rowCount();
        if (n != 1) {
            throw new LostLease();
        }
    }

    private static Set<UUID> lockPending(SqlConnection conn, List<UUID> ids) {
        Set<UUID> kept = new HashSet<>();
        for (Row r : Sql.execute(conn, "select id from offer where id = any($1) and status = 'PENDING' for update",
                Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))) {
            kept.add(r.getUUID("id"));
        }
        return kept;
    }

    private static void markSent(SqlConnection conn, List<Tuple> rows) {
        batch(conn, "update offer set status = 'SENT', sent_at = $2, token_hash = $3, letter_batch = $4, version = version + 1 "
                + "where id = $1 and status = 'PENDING'", rows);
    }

    private static void progress(SqlConnection conn, Job job, int handled) {
        Sql.execute(conn, "update campaign set done = least(total, done + $2) where id = $1", Tuple.of(job.id(), handled));
    }

    private static void batch(SqlConnection conn, String statement, List<Tuple> rows) {
        if (!rows.isEmpty()) {
            conn.preparedQuery(statement).executeBatch(rows).await().atMost(Sql.STATEMENT_TIMEOUT);
        }
    }

    private void finish(Job job) {
        Instant now = clock.instant();
        sql.inTransaction(conn -> {
            renewLease(conn, job);
            Sql.execute(conn, "update campaign set status = 'DONE', phase = null, lease_owner = null, lease_until = null, "
                    + "finished_at = $2, done = (select count(*) from offer where campaign_id = $1 and status <> 'PENDING'), "
                    + "total = (select count(*) from offer where campaign_id = $1), version = version + 1 where id = $1",
                    Tuple.of(job.id(), Times.utc(now)));
            return null;
        });
    }

    /** Graceful stop: the chunk in hand is finished and committed, then the lease is released for a quick takeover. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping.set(true);
        try {
            if (running.tryLock(25, TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
