package org.anaiss.outreach.service;

import org.anaiss.outreach.repository.Times;
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
import org.anaiss.outreach.repository.InvitationDeliveryRepository;
import org.anaiss.outreach.repository.LaunchRepository;
import org.anaiss.outreach.repository.LaunchRepository.Job;
import org.anaiss.outreach.repository.LaunchRepository.Pending;
import org.anaiss.outreach.repository.MailMessageRepository;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.qute.Template;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.buffer.Buffer;
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
    private final LaunchRepository launches;
    private final InvitationDeliveryRepository invitations;
    private final MailMessageRepository mailMessages;
    private final String owner = "launch-" + UUID.randomUUID();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    public LaunchWorker(Sql sql, PersonVault vault, AnswerLinks links, MessageRenderer renderer, LetterRenderer letters,
            MailQueue mails, FieldCipher cipher, OutreachConfig config, Clock clock, LaunchRepository launches,
            InvitationDeliveryRepository invitations, MailMessageRepository mailMessages) {
        this.sql = sql;
        this.launches = launches;
        this.invitations = invitations;
        this.mailMessages = mailMessages;
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
        return launches.claim(owner, now.plus(config.launch().lease()), now);
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
                launches.releaseLease(job.id(), owner);
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
                launches.insertInvitationRound(conn, job, now);
            }
            launches.insertOffers(conn, job, Times.endOfDay(job.deadline(), config.zone()), now);
            launches.startDelivering(conn, job.id());
            return null;
        });
    }

    private List<Pending> pending(Job job) {
        return launches.listPending(job.id(), config.launch().chunkSize());
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
            Set<UUID> kept = launches.lockPending(conn, ids);
            List<Tuple> mailRows = new ArrayList<>();
            List<Tuple> offerRows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (kept.contains(ids.get(i))) {
                    mailRows.add(messages.get(i));
                    offerRows.add(Tuple.of(ids.get(i), Times.utc(now), hashes.get(i), null));
                }
            }
            if (!mailRows.isEmpty()) {
                mailMessages.insertBatch(conn, mailRows);
            }
            launches.markSent(conn, offerRows);
            inviteWithOffers(conn, job, option, chunk, kept, now);
            launches.progress(conn, job.id(), chunk.size());
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
            Set<UUID> kept = launches.lockPending(conn, ids);
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
                batchNo = launches.nextBatchNo(conn, job.id());
                FieldCipher.Sealed batch = cipher.seal(batchPdf, batchPlace(job.id(), batchNo));
                launches.insertLetterBatch(conn, job.id(), batchNo, kept.size(), batch.ciphertext(), batch.keyId(), now);
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
            launches.insertOfferLetters(conn, letterRows);
            launches.markSent(conn, offerRows);
            inviteWithOffers(conn, job, option, chunk, kept, now);
            launches.progress(conn, job.id(), chunk.size());
            return null;
        });
    }

    /** The action option of a chunk, or null when the campaign proposes no collective action. */
    private ActionOption option(Job job, List<Pending> chunk, Instant now) {
        if (job.actionId() == null) {
            return null;
        }
        List<ActionSession> sessions = invitations.listUpcomingSessions(job.actionId(), now);
        Instant lastEnd = now;
        for (ActionSession s : sessions) {
            lastEnd = s.endsAt().isAfter(lastEnd) ? s.endsAt() : lastEnd;
        }
        Map<String, UUID> byPerson = new HashMap<>(invitations.findIdsByPerson(job.actionId(),
                chunk.stream().map(Pending::personKey).toArray(String[]::new)));
        Set<String> already = new HashSet<>(byPerson.keySet());
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
        invitations.insertSentWithOffers(conn, rows);
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
        if (!launches.renewLease(conn, job.id(), owner, clock.instant().plus(config.launch().lease()))) {
            throw new LostLease();
        }
    }

    private void finish(Job job) {
        Instant now = clock.instant();
        sql.inTransaction(conn -> {
            renewLease(conn, job);
            launches.finish(conn, job.id(), now);
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
