package org.anaiss.outreach.config;

import java.time.Duration;
import java.time.ZoneId;

import org.anaiss.platform.outbox.OutboxSettings;

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

    Audit audit();

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

    /**
     * The platform outbox's settings (platform/outbox: defaults there), under this service's prefix; the sent
     * events' retention keeps the outbox from being a second copy of the people who accepted an offer.
     */
    interface Outbox extends OutboxSettings {
    }

    interface Audit {
        /** Audit records are kept this long (CNIL: 1 year); older months are dropped whole by the retention job. */
        @WithDefault("P365D")
        Duration retention();

        /** Audit records a background verification checks per transaction (its unit of progress and resumption). */
        @WithDefault("10000")
        int verificationChunkSize();

        /** How often a running verification job is looked for ("off" to disable; read by the scheduler). */
        @WithDefault("2s")
        String verificationInterval();

        /** Consecutive failures of the same chunk after which a verification job is FAILED. */
        @WithDefault("3")
        int verificationMaxAttempts();
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
        /** How often released periods not yet exported are looked for (read by the scheduler). */
        @WithDefault("1h")
        String interval();

        @WithDefault("30s")
        String initialDelay();

        /**
         * A period is released this long after its end, exported once at the next run, and never again:
         * nothing recorded, answered or purged later changes a released figure. The same delay as
         * case-service's; stats-service's anaiss.stats.release.delay says it to readers.
         */
        @WithDefault("P45D")
        Duration freezeAfter();

        /** Released periods not yet exported are exported when they were released within this window (after an outage). */
        @WithDefault("P365D")
        Duration catchUp();

        /**
         * The staff rule: a region's figure of a period is released only if it is the work of at least
         * this many outreach officers (who created the campaigns or collective actions counted), none of
         * them more than half of the region's count. Never below 3.
         */
        @WithDefault("3")
        @jakarta.validation.constraints.Min(value = 3,
                message = "anaiss.outreach.stats.min-officers must be 3 or more: the staff rule may only be made stricter")
        int minOfficers();
    }

    interface Lists {
        /** Largest page a list endpoint returns. */
        @WithDefault("100")
        int maxPageSize();
    }
}
