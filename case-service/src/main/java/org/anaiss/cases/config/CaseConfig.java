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

    interface Outbox {
        /** Events relayed to Kafka per round. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the broker before leaving a batch for the next round. */
        @WithDefault("15s")
        Duration sendTimeout();
    }
}
