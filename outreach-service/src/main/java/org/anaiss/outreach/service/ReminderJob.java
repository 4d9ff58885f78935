package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reminders the day before: every registered person with an e-mail address gets one message when
 * their session starts within the next {@code reminders.ahead} (24 h by default). Idempotent: one
 * reminder per registration (dedupe key in the mail queue), whatever the number of runs or instances.
 */
@ApplicationScoped
public class ReminderJob {

    private static final Logger LOG = Logger.getLogger(ReminderJob.class);
    private final Sql sql;
    private final MailQueue mails;
    private final FieldCipher cipher;
    private final AnswerLinks links;
    private final ObjectMapper json;
    private final OutreachConfig config;
    private final Clock clock;

    public ReminderJob(Sql sql, MailQueue mails, FieldCipher cipher, AnswerLinks links, ObjectMapper json, OutreachConfig config,
            Clock clock) {
        this.sql = sql;
        this.mails = mails;
        this.cipher = cipher;
        this.links = links;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.reminders.interval:60s}", delayed = "${anaiss.outreach.reminders.initial-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "reminders")
    void scheduled() {
        try {
            // one instance at a time: the dedupe key keeps one reminder each anyway, this saves decrypting twice
            sql.exclusively("reminders", this::remind);
        } catch (RuntimeException e) {
            LOG.warnf("reminders failed (%s); retrying next round", e.getClass().getSimpleName());
        }
    }

    /** Queues the reminders due now; returns how many were queued. */
    public int remind() {
        Instant now = clock.instant();
        int queued = 0;
        for (Row r : sql.execute("select r.id, r.person_ct, r.person_key_id, s.starts_at, s.duration_minutes, s.place, s.video_url, "
                + "a.title from registration r join action_session s on s.id = r.session_id join collective_action a on a.id = r.action_id "
                + "where r.status = 'REGISTERED' and r.has_email and s.starts_at > $1 and s.starts_at <= $2 "
                + "and not exists (select 1 from mail_message m where m.dedupe_key = 'reminder:' || r.id::text) limit 1000",
                Tuple.of(Times.utc(now), Times.utc(now.plus(config.reminders().ahead()))))) {
            UUID id = r.getUUID("id");
            Attendee a;
            try {
                a = json.readValue(cipher.open(r.getString("person_key_id"), r.getBuffer("person_ct").getBytes(), Registration.place(id)),
                        Attendee.class);
            } catch (IOException e) {
                throw new IllegalStateException("attendee unreadable for a registration", e);
            }
            ActionSession s = new ActionSession();
            s.startsAt = r.getOffsetDateTime("starts_at").toInstant();
            s.place = r.getString("place");
            s.videoUrl = r.getString("video_url");
            String url = links.registrationUrl(links.token("registration", id));
            String body = ActionTexts.reminder(a.firstName(), a.lastName(), r.getString("title"), ActionTexts.when(s, config.zone()),
                    ActionTexts.where(s), url);
            boolean added = sql.inTransaction(conn -> mails.enqueue(conn, "reminder:" + id, a.email(), "Rappel : " + r.getString("title"),
                    body, now, now));
            if (added) {
                queued++;
            }
        }
        return queued;
    }
}
