package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.repository.MailMessageRepository;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The mail queue as operations see it: messages waiting, the age of the oldest, messages given up, and the
 * attempts the SMTP server refused. Counts only: no recipient, no campaign, no staff member.
 */
@ApplicationScoped
@Startup // its meters exist from the start, at 0
public class MailMetrics {

    private static final Logger LOG = Logger.getLogger(MailMetrics.class);

    record Sample(long queued, long failed, Instant oldest) {
    }

    private final MailMessageRepository messages;
    private final Clock clock;
    private final AtomicReference<Sample> sample = new AtomicReference<>(new Sample(0, 0, null));
    private final Counter retried;
    private final Counter givenUp;

    public MailMetrics(MailMessageRepository messages, Clock clock, MeterRegistry registry) {
        this.messages = messages;
        this.clock = clock;
        Gauge.builder("anaiss.mail.queue.depth", sample, s -> s.get().queued())
                .description("E-mails waiting to be sent or being sent").baseUnit("messages").register(registry);
        Gauge.builder("anaiss.mail.queue.oldest.age", this, MailMetrics::oldestAgeSeconds)
                .description("How long the oldest e-mail due has been waiting (0 when none; a message planned for later is not due)").baseUnit("seconds").register(registry);
        Gauge.builder("anaiss.mail.failed", sample, s -> s.get().failed())
                .description("E-mails given up after their last attempt, still in the queue table").baseUnit("messages").register(registry);
        retried = Counter.builder("anaiss.mail.send.failures").tag("outcome", "retry")
                .description("Sending attempts that failed (the SMTP server refused or was unreachable)").baseUnit("attempts").register(registry);
        givenUp = Counter.builder("anaiss.mail.send.failures").tag("outcome", "given-up")
                .description("Sending attempts that failed (the SMTP server refused or was unreachable)").baseUnit("attempts").register(registry);
    }

    /** An attempt failed; {@code finalFailure}: the message is given up. */
    public void sendFailed(boolean finalFailure) {
        (finalFailure ? givenUp : retried).increment();
    }

    @Scheduled(every = "${anaiss.metrics.sample-interval:15s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "mail-metrics")
    Uni<Void> sample() {
        return messages.sampleQueue()
                .invoke(state -> sample.set(new Sample(state.queued(), state.failed(), state.oldest())))
                .onFailure().invoke(e -> LOG.debugf("mail metrics not sampled (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    double oldestAgeSeconds() {
        Instant oldest = sample.get().oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
