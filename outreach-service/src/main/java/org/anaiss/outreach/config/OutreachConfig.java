package org.anaiss.outreach.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of outreach-service; every default is the production value unless a profile overrides it. */
@ConfigMapping(prefix = "anaiss.outreach")
public interface OutreachConfig {

    /** Base URL the public sees (the gateway): answer and registration links start with it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Time zone of deadlines and session dates (a deadline ends at midnight there). */
    @WithDefault("Europe/Paris")
    ZoneId zone();

    Partners partners();

    Launch launch();

    Mail mail();

    Outbox outbox();

    Retention retention();

    Stats stats();

    Lists lists();

    interface Partners {
        /** Most signals in one batch request. */
        @WithDefault("1000")
        int maxBatch();

        /** How long a partner's Idempotency-Key is remembered (a retry after that creates a new signal). */
        @WithDefault("30d")
        Duration idempotencyKeyRetention();
    }

    Expiry expiry();

    Reminders reminders();

    interface Reminders {
        /** How often due reminders are looked for (read by the scheduler). */
        @WithDefault("60s")
        String interval();

        @WithDefault("10s")
        String initialDelay();

        /** A registered person is reminded once their session starts within this time (the day before). */
        @WithDefault("24h")
        Duration ahead();
    }

    interface Expiry {
        /** How often offers past their deadline are closed (read by the scheduler). */
        @WithDefault("60s")
        String interval();
    }

    interface Launch {
        /** How often the launch worker looks for a job to start or resume (read by the scheduler). */
        @WithDefault("2s")
        String interval();

        @WithDefault("2s")
        String initialDelay();

        /** Offers rendered and committed together; a crash redoes at most one chunk, never twice. */
        @WithDefault("500")
        int chunkSize();

        /** Lease of a launch job: another instance takes over a job whose owner stopped renewing it. */
        @WithDefault("30s")
        Duration lease();
    }

    interface Mail {
        /** How often the mail relay sends the queue (read by the scheduler). */
        @WithDefault("2s")
        String interval();

        @WithDefault("3s")
        String initialDelay();

        /** Messages claimed per relay round. */
        @WithDefault("50")
        int batchSize();

        /** A message claimed but not confirmed sent within this time is sent again (owner crashed). */
        @WithDefault("30s")
        Duration lease();

        /** Attempts before a message is marked FAILED (the SMTP server keeps refusing it). */
        @WithDefault("10")
        int maxAttempts();
    }

    interface Outbox {
        /** How often the outbox is relayed to Kafka (read by the scheduler). */
        @WithDefault("1s")
        String interval();

        @WithDefault("2s")
        String initialDelay();

        /** Events relayed to Kafka per round. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the broker before leaving a batch for the next round. */
        @WithDefault("15s")
        Duration sendTimeout();
    }

    interface Retention {
        /** When the purge runs (Quartz cron, read by the scheduler); "off" disables it. */
        @WithDefault("0 15 3 * * ?")
        String cron();

        /** Signals that never led to an offer are purged after this time (DESIGN.md: 6 months). */
        @WithDefault("P183D")
        Duration signalWithoutOffer();

        /** Offers, answers and letters are purged this long after the offer's deadline. */
        @WithDefault("P366D")
        Duration offerAfterDeadline();

        /** Collective actions, their sessions, invitations and registrations are purged this long after their last session. */
        @WithDefault("P366D")
        Duration actionAfterLastSession();

        /** Sent mails (recipient and body are erased at sending) are forgotten after this time. */
        @WithDefault("P30D")
        Duration sentMail();
    }

    interface Stats {
        /** How often snapshots are computed and published (read by the scheduler). */
        @WithDefault("1h")
        String interval();

        @WithDefault("30s")
        String initialDelay();

        /** A period closed longer than this is frozen: published once more as final, then never recomputed. */
        @WithDefault("P40D")
        Duration freezeAfter();
    }

    interface Lists {
        /** Largest page a list endpoint returns. */
        @WithDefault("100")
        int maxPageSize();
    }
}
