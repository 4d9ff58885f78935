package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.repository.MailMessageRepository;
import org.anaiss.outreach.repository.MailMessageRepository.Claimed;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

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
    private final MailMessageRepository messages;
    private final Mailer mailer;
    private final FieldCipher cipher;
    private final OutreachConfig config;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    // counts of failed attempts (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    MailMetrics metrics;

    public MailRelay(MailMessageRepository messages, Mailer mailer, FieldCipher cipher, OutreachConfig config, Clock clock) {
        this.messages = messages;
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
            List<Claimed> claimed = messages.claim(now.plus(config.mail().lease()), now, config.mail().batchSize());
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
        messages.markSent(m.id(), clock.instant());
        return true;
    }

    private void fail(Claimed m, boolean finalFailure) {
        metrics.sendFailed(finalFailure);
        if (finalFailure) {
            LOG.errorf("mail %s given up after %d attempts", m.id(), m.attempts());
            messages.markFailed(m.id());
        } else {
            Duration backoff = Duration.ofSeconds(Math.min(3600, 5L << Math.min(10, m.attempts())));
            messages.retryLater(m.id(), clock.instant().plus(backoff));
        }
    }

    private void release(UUID id) {
        messages.release(id);
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
