package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the mail queue through the SMTP server, one message at a time, each marked SENT right after
 * the server accepted it (recipient, subject and body are erased then).
 *
 * <p>Guarantee: every queued message is sent at least once, and a duplicate is possible only for a
 * message in flight when the process dies without a graceful stop (killed between the server's
 * acceptance and the commit of SENT: at most one message per instance); that copy carries the same
 * Message-ID, so mail systems can recognise it. A graceful stop (SIGTERM) finishes the message in
 * flight and hands the rest back: no duplicate, no miss. A message claimed by an instance that died
 * is taken over when its lease expires.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);
    static final String CLAIM = "update mail_message set status = 'SENDING', attempts = attempts + 1, lease_until = $1 "
            + "where id in (select id from mail_message where ((status = 'PENDING' and not_before <= $2) "
            + "or (status = 'SENDING' and lease_until < $2)) order by not_before, created_at limit $3 for update skip locked) "
            + "returning id, recipient_ct, subject_ct, body_ct, ct_key, attempts";

    private record Claimed(UUID id, byte[] to, byte[] subject, byte[] body, String keyId, int attempts) {
    }

    private final Sql sql;
    private final Mailer mailer;
    private final FieldCipher cipher;
    private final OutreachConfig config;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    // counts of failed attempts (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    MailMetrics metrics;

    public MailRelay(Sql sql, Mailer mailer, FieldCipher cipher, OutreachConfig config, Clock clock) {
        this.sql = sql;
        this.mailer = mailer;
        this.cipher = cipher;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.mail.interval:2s}", delayed = "${anaiss.outreach.mail.initial-delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "mail-relay")
    void scheduled() {
        try {
            relay();
        } catch (RuntimeException e) {
            LOG.warnf("mail relay round failed (%s); retrying next round", e.getClass().getSimpleName());
        }
    }

    /** One round; returns the number of messages the SMTP server accepted. */
    public int relay() {
        if (stopping.get() || !running.tryLock()) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<Claimed> claimed = new ArrayList<>();
            for (Row r : sql.execute(CLAIM, Tuple.of(Times.utc(now.plus(config.mail().lease())), Times.utc(now),
                    config.mail().batchSize()))) {
                claimed.add(new Claimed(r.getUUID("id"), r.getBuffer("recipient_ct").getBytes(),
                        r.getBuffer("subject_ct").getBytes(), r.getBuffer("body_ct").getBytes(), r.getString("ct_key"),
                        r.getInteger("attempts")));
            }
            int sent = 0;
            for (Claimed m : claimed) {
                if (stopping.get()) {
                    release(m.id());
                    continue;
                }
                if (send(m)) {
                    sent++;
                }
            }
            return sent;
        } finally {
            running.unlock();
        }
    }

    private boolean send(Claimed m) {
        Mail mail;
        try {
            mail = Mail.withText(cipher.openString(m.keyId(), m.to(), MailQueue.place(m.id(), "to")),
                    cipher.openString(m.keyId(), m.subject(), MailQueue.place(m.id(), "subject")),
                    cipher.openString(m.keyId(), m.body(), MailQueue.place(m.id(), "body")));
            mail.addHeader("Message-ID", messageId(m.id()));
        } catch (RuntimeException e) {
            fail(m, true);
            return false;
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            // the server's message may quote the address: the type only
            LOG.warnf("mail %s not accepted by the SMTP server (%s), attempt %d", m.id(), e.getClass().getSimpleName(), m.attempts());
            fail(m, m.attempts() >= config.mail().maxAttempts());
            return false;
        }
        sql.execute("update mail_message set status = 'SENT', sent_at = $2, lease_until = null, recipient_ct = null, "
                + "subject_ct = null, body_ct = null where id = $1 and status = 'SENDING'", Tuple.of(m.id(), Times.utc(clock.instant())));
        return true;
    }

    private void fail(Claimed m, boolean finalFailure) {
        metrics.sendFailed(finalFailure);
        if (finalFailure) {
            LOG.errorf("mail %s given up after %d attempts", m.id(), m.attempts());
            sql.execute("update mail_message set status = 'FAILED', lease_until = null, recipient_ct = null, subject_ct = null, "
                    + "body_ct = null where id = $1", Tuple.of(m.id()));
        } else {
            Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(10, m.attempts())));
            sql.execute("update mail_message set status = 'PENDING', lease_until = null, not_before = $2 where id = $1 "
                    + "and status = 'SENDING'", Tuple.of(m.id(), Times.utc(clock.instant().plus(backoff))));
        }
    }

    private void release(UUID id) {
        sql.execute("update mail_message set status = 'PENDING', lease_until = null, attempts = attempts - 1 "
                + "where id = $1 and status = 'SENDING'", Tuple.of(id));
    }

    /** Stable per message, so a copy sent twice is recognisable as the same message. */
    public static String messageId(UUID id) {
        return "<" + id + "@outreach.anaiss>";
    }

    /** A graceful stop: no new message is started; the one in flight finishes and is marked. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping.set(true);
        try {
            if (running.tryLock(20, java.util.concurrent.TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
