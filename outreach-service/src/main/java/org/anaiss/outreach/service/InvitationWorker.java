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

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers PENDING invitations in chunks, like offers: rendered outside the transaction, then in one
 * transaction the invitations still PENDING are locked (an objection may have cancelled some), their
 * message is queued (one per invitation, by dedupe key) or their letter stored, and they are marked
 * SENT. Safe to run on several instances and after a crash: nothing is delivered twice.
 */
@ApplicationScoped
public class InvitationWorker {

    private static final Logger LOG = Logger.getLogger(InvitationWorker.class);

    record Pending(UUID id, UUID actionId, UUID signalId, byte[] personCiphertext, String keyId, String channel, String subject,
            String template, String region) {
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

    public InvitationWorker(Sql sql, PersonVault vault, AnswerLinks links, MessageRenderer renderer, LetterRenderer letters,
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
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "invitation-worker")
    void scheduled() {
        try {
            // one instance at a time: two would render the same chunk and one would throw its work away
            sql.exclusively("invitations", () -> {
                while (deliverChunk() > 0) {
                    // until nothing is pending
                }
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            LOG.warnf("invitation round failed (%s); resuming next round", e.getClass().getSimpleName());
        }
    }

    /** Delivers one chunk; returns the number of invitations handled. */
    public int deliverChunk() {
        List<Pending> chunk = new ArrayList<>();
        for (Row r : sql.execute("select i.id, i.action_id, i.signal_id, s.person_ct, s.person_key_id, i.channel, ro.subject, ro.template, "
                + "a.region from invitation i join signal s on s.id = i.signal_id join invitation_round ro on ro.id = i.round_id "
                + "join collective_action a on a.id = i.action_id where i.status = 'PENDING' order by i.created_at, i.id limit $1",
                Tuple.of(config.launch().chunkSize()))) {
            chunk.add(new Pending(r.getUUID("id"), r.getUUID("action_id"), r.getUUID("signal_id"), r.getBuffer("person_ct").getBytes(),
                    r.getString("person_key_id"), r.getString("channel"), r.getString("subject"), r.getString("template"),
                    r.getString("region")));
        }
        if (chunk.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        Map<UUID, String> sessionsByAction = new HashMap<>();
        Map<String, Template> templates = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        List<Tuple> mailRows = new ArrayList<>();
        Map<UUID, Tuple> updates = new HashMap<>();
        for (Pending p : chunk) {
            String sessions = sessionsByAction.computeIfAbsent(p.actionId(), id -> upcomingSessions(id, now));
            PersonIdentity person = vault.open(p.signalId(), p.keyId(), p.personCiphertext());
            String token = links.token("invitation", p.id());
            String url = links.registrationUrl(token);
            Template template = templates.computeIfAbsent(p.template(), renderer::parse);
            String body = renderer.render(template, new MessageRenderer.Values(person.firstName(), person.lastName(), null, null, url, sessions));
            ids.add(p.id());
            if ("EMAIL".equals(p.channel())) {
                mailRows.add(mails.row("invitation:" + p.id(), person.email(), p.subject(), body + LaunchWorker.footer(url), now, now));
                updates.put(p.id(), Tuple.tuple().addUUID(p.id()).addOffsetDateTime(Times.utc(now)).addString(AnswerLinks.hash(token))
                        .addValue(null).addValue(null));
            } else {
                byte[] pdf = letters.render(new LetterRenderer.Letter("Service social de l'Assurance Maladie - " + Regions.label(p.region()),
                        LaunchWorker.addressLines(person), today, p.subject(), body, url, today.plusDays(30)));
                FieldCipher.Sealed sealed = cipher.seal(pdf, Invitation.pdfPlace(p.id()));
                updates.put(p.id(), Tuple.tuple().addUUID(p.id()).addOffsetDateTime(Times.utc(now)).addString(AnswerLinks.hash(token))
                        .addBuffer(Buffer.buffer(sealed.ciphertext())).addString(sealed.keyId()));
            }
        }
        sql.inTransaction(conn -> {
            Set<UUID> kept = new HashSet<>();
            for (Row r : Sql.execute(conn, "select id from invitation where id = any($1) and status = 'PENDING' for update",
                    Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))) {
                kept.add(r.getUUID("id"));
            }
            List<Tuple> keptMails = new ArrayList<>();
            for (Tuple t : mailRows) {
                UUID id = UUID.fromString(t.getString(1).substring("invitation:".length()));
                if (kept.contains(id)) {
                    keptMails.add(t);
                }
            }
            List<Tuple> keptUpdates = kept.stream().map(updates::get).toList();
            if (!keptMails.isEmpty()) {
                conn.preparedQuery(MailQueue.INSERT).executeBatch(keptMails).await().atMost(Sql.STATEMENT_TIMEOUT);
            }
            if (!keptUpdates.isEmpty()) {
                conn.preparedQuery("update invitation set status = 'SENT', sent_at = $2, token_hash = $3, pdf_ct = $4, pdf_key = $5 "
                        + "where id = $1 and status = 'PENDING'").executeBatch(keptUpdates).await().atMost(Sql.STATEMENT_TIMEOUT);
            }
            return null;
        });
        return chunk.size();
    }

    private String upcomingSessions(UUID actionId, Instant now) {
        List<ActionSession> sessions = new ArrayList<>();
        for (Row r : sql.execute("select id, starts_at, duration_minutes, place, video_url from action_session where action_id = $1 "
                + "and starts_at > $2 order by starts_at", Tuple.of(actionId, Times.utc(now)))) {
            ActionSession s = new ActionSession();
            s.id = r.getUUID("id");
            s.startsAt = r.getOffsetDateTime("starts_at").toInstant();
            s.durationMinutes = r.getInteger("duration_minutes");
            s.place = r.getString("place");
            s.videoUrl = r.getString("video_url");
            sessions.add(s);
        }
        return ActionTexts.sessions(sessions, config.zone());
    }
}
