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
import org.anaiss.outreach.repository.ReminderRepository;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

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
    private final ReminderRepository reminders;

    public ReminderJob(Sql sql, MailQueue mails, FieldCipher cipher, AnswerLinks links, ObjectMapper json, OutreachConfig config,
            Clock clock, ReminderRepository reminders) {
        this.sql = sql;
        this.reminders = reminders;
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
        for (ReminderRepository.Due r : reminders.listDue(now, now.plus(config.reminders().ahead()))) {
            UUID id = r.registrationId();
            Attendee a;
            try {
                a = json.readValue(cipher.open(r.personKeyId(), r.personCiphertext(), Registration.place(id)), Attendee.class);
            } catch (IOException e) {
                throw new IllegalStateException("attendee unreadable for a registration", e);
            }
            ActionSession s = new ActionSession();
            s.startsAt = r.startsAt();
            s.place = r.place();
            s.videoUrl = r.videoUrl();
            String url = links.registrationUrl(links.token("registration", id));
            String body = ActionTexts.reminder(a.firstName(), a.lastName(), r.title(), ActionTexts.when(s, config.zone()),
                    ActionTexts.where(s), url);
            boolean added = sql.inTransaction(conn -> mails.enqueue(conn, "reminder:" + id, a.email(), "Rappel : " + r.title(),
                    body, now, now));
            if (added) {
                queued++;
            }
        }
        return queued;
    }
}
