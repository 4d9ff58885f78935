package org.anaiss.outreach.service;

import org.anaiss.outreach.repository.Times;
import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.repository.InvitationDeliveryRepository;
import org.anaiss.outreach.repository.InvitationDeliveryRepository.Pending;
import org.anaiss.outreach.repository.MailMessageRepository;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.buffer.Buffer;
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

    private final Sql sql;
    private final PersonVault vault;
    private final AnswerLinks links;
    private final MessageRenderer renderer;
    private final LetterRenderer letters;
    private final MailQueue mails;
    private final FieldCipher cipher;
    private final OutreachConfig config;
    private final Clock clock;
    private final InvitationDeliveryRepository deliveries;
    private final MailMessageRepository messages;

    public InvitationWorker(Sql sql, PersonVault vault, AnswerLinks links, MessageRenderer renderer, LetterRenderer letters,
            MailQueue mails, FieldCipher cipher, OutreachConfig config, Clock clock, InvitationDeliveryRepository deliveries,
            MailMessageRepository messages) {
        this.sql = sql;
        this.deliveries = deliveries;
        this.messages = messages;
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
        List<Pending> chunk = deliveries.listPending(config.launch().chunkSize());
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
            Set<UUID> kept = deliveries.lockPending(conn, ids);
            List<Tuple> keptMails = new ArrayList<>();
            for (Tuple t : mailRows) {
                UUID id = UUID.fromString(t.getString(1).substring("invitation:".length()));
                if (kept.contains(id)) {
                    keptMails.add(t);
                }
            }
            List<Tuple> keptUpdates = kept.stream().map(updates::get).toList();
            if (!keptMails.isEmpty()) {
                messages.insertBatch(conn, keptMails);
            }
            if (!keptUpdates.isEmpty()) {
                deliveries.markSent(conn, keptUpdates);
            }
            return null;
        });
        return chunk.size();
    }

    private String upcomingSessions(UUID actionId, Instant now) {
        return ActionTexts.sessions(deliveries.listUpcomingSessions(actionId, now), config.zone());
    }
}
