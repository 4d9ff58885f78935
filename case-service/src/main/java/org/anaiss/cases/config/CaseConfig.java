package org.anaiss.cases.config;

import java.time.Duration;
import java.util.List;

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
        /** How often the statistics are exported ("off" to disable; tests use seconds). */
        @WithDefault("1h")
        String interval();

        /** Wait after start before the first export. */
        @WithDefault("30s")
        String initialDelay();

        /** Time zone of the periods (months, quarters, years) the statistics count in. */
        @WithDefault("Europe/Paris")
        java.time.ZoneId zone();

        /**
         * A period closed for longer than this is exported one last time as frozen, then never
         * recomputed: later deletions under the retention rules do not rewrite published history.
         */
        @WithDefault("45D")
        Duration freezeDelay();
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

    interface Outbox {
        /** How often the relay looks for events to send. */
        @WithDefault("1s")
        String interval();

        /** Wait after start before the first relay round. */
        @WithDefault("2s")
        String initialDelay();

        /** Events relayed to Kafka per round. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the broker before leaving a batch for the next round. */
        @WithDefault("15s")
        Duration sendTimeout();
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
    }
}
