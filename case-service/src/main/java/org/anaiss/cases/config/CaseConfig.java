package org.anaiss.cases.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.anaiss.platform.outbox.OutboxSettings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "anaiss.cases")
public interface CaseConfig {

    Documents documents();

    Lists lists();

    Outbox outbox();

    Stats stats();

    Retention retention();

    AuditVerification auditVerification();

    Directory directory();

    /** Where outreach-service answers, for the DPO's export of everything held on a person. */
    @WithDefault("http://localhost:8082")
    String outreachUrl();

    interface Documents {
        /** Largest attachment accepted, in bytes (10 MiB). */
        @WithDefault("10485760")
        long maxBytes();

        /** Content types accepted for attachments; the bytes are checked too, not only the header. */
        @WithDefault("application/pdf,image/png,image/jpeg")
        List<String> allowedTypes();
    }

    interface Lists {
        /** Largest page a list endpoint returns. */
        @WithDefault("100")
        int maxPageSize();
    }

    interface Stats {
        /** How often released periods not yet exported are looked for ("off" to disable; tests use seconds). */
        @WithDefault("1h")
        String interval();

        /** Wait after start before the first export. */
        @WithDefault("30s")
        String initialDelay();

        /** Time zone of the periods (months, quarters, years) the statistics count in. */
        @WithDefault("Europe/Paris")
        java.time.ZoneId zone();

        /**
         * A period is released this long after its end (late contacts recorded meanwhile are counted),
         * exported once at the next run, and never again: nothing recorded, erased or purged later
         * changes a released figure. stats-service's anaiss.stats.release.delay says the same to readers.
         */
        @WithDefault("45D")
        Duration freezeDelay();

        /**
         * Released periods not yet exported are exported when they were released within this window
         * (after an outage, say). Older ones are only exported on request (POST
         * /api/cases/admin/stats/export with granularity and period): their data may have been purged.
         */
        @WithDefault("365D")
        Duration catchUp();

        /**
         * The staff rule: a region's figure of a period is released only if it is the work of at least
         * this many teams (its cases held by them during the period), none of them holding more than half
         * of the region's count. Never below 3.
         */
        @WithDefault("3")
        @Min(value = 3, message = "anaiss.cases.stats.min-teams must be 3 or more: the staff rule may only be made stricter")
        int minTeams();

        /**
         * The staff rule: ... and of at least this many distinct social workers (assigned to its cases, or
         * authors of their contacts, during the period). Never below 10.
         */
        @WithDefault("10")
        @Min(value = 10, message = "anaiss.cases.stats.min-social-workers must be 10 or more: the staff rule may only be made stricter")
        int minSocialWorkers();
    }

    interface Retention {
        /** When the retention job runs (Quartz cron, or "off"): every night at 02:30 by default. */
        @WithDefault("0 30 2 * * ?")
        String cron();

        /** Personal data of a case is kept this long after its last contact or closure (CNIL: 2 years). */
        @WithDefault("730D")
        Duration caseData();

        /** Audit records are kept this long (CNIL: 1 year); older months are dropped whole. */
        @WithDefault("365D")
        Duration audit();

        /** Cases purged per transaction: a run can be interrupted at any time and resumed. */
        @WithDefault("200")
        int batchSize();

        /** Rights requests must be answered within this delay (GDPR article 12.3: one month). */
        @WithDefault("P1M")
        java.time.Period rightsDeadline();
    }

    /**
     * The platform outbox's settings (platform/outbox: defaults there), under this service's prefix; the sent
     * events' retention keeps the outbox from being a second copy of the cases (its payloads carry person keys and statuses).
     */
    interface Outbox extends OutboxSettings {
    }

    /**
     * The staff directory: who belongs to which team, read from Keycloak by a service-account client that may
     * only view users (realm-management view-users), never learned from the use of the suite.
     */
    interface Directory {
        /** Client id of the service account (deploy/keycloak/anaiss-realm.json: anaiss-directory). */
        @WithDefault("anaiss-directory")
        String clientId();

        /**
         * Its secret (ANAISS_DIRECTORY_CLIENT_SECRET). Unset: no directory is read, and the members of a team are
         * those whose tokens the service has seen (a fallback for a realm without the client).
         */
        java.util.Optional<String> clientSecret();

        /** How often the directory is read again ("off" to disable): a new worker can be assigned within this delay. */
        @WithDefault("5m")
        String interval();

        /** Users read per request to Keycloak. */
        @WithDefault("200")
        int pageSize();
    }

    interface AuditVerification {
        /**
         * Audit records a background verification checks per transaction (at least 1): its unit of
         * progress, and where it resumes after a restart. Smaller chunks keep transactions short.
         */
        @WithDefault("10000")
        int chunkSize();

        /**
         * How often the service looks for a running verification job to work on ("off" to disable): a new
         * job starts within this delay, and one left running by a restart or a crash is resumed.
         */
        @WithDefault("2s")
        String interval();

        /** Consecutive failures of the same chunk after which a job is marked FAILED instead of retried. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * The longest a synchronous verification (GET .../audit/verification) may run in the database; past it the
         * request is refused (422 verification-too-long) and the DPO told to use a background job. Below the
         * gateway's response timeout (15 s), so the answer says what to do instead of "the service did not answer".
         */
        @WithDefault("10s")
        java.time.Duration requestBudget();
    }
}
