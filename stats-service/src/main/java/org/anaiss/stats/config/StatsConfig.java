package org.anaiss.stats.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** stats-service settings; the bounds are checked at startup (a weaker protection refuses to start). */
@ConfigMapping(prefix = "anaiss.stats")
public interface StatsConfig {

    Disclosure disclosure();

    Query query();

    Ingest ingest();

    Rebuild rebuild();

    Release release();

    interface Disclosure {
        /**
         * Smallest count published: a noisy value below it is published as masked. 11 by default, never
         * below 11, and never below the highest value this service ever applied (kept in its database):
         * lowering k would unmask figures of periods already released, so the service refuses to start.
         */
        @WithDefault("11")
        @Min(value = 11, message = "the threshold k must be 11 or more (it may only be raised)")
        int threshold();

        /**
         * The noise keys, one entry per key version: {@code <id>:<activation yyyy-mm-dd>:<epsilon>:<base64 secret
         * of 32 bytes or more>}, comma-separated. A key protects the periods that end on or after its
         * activation date, until the next key's; each released snapshot records the id of the key that
         * protected it. A key id names one secret, activation and epsilon forever, and a new key must be
         * activated after every period already released (checked at startup against what is stored).
         * The first key's activation must precede the first period published (0001-01-01 is fine).
         * Epsilon is the privacy parameter of the two-sided geometric noise, from 0.05 to 1. No default:
         * production takes them from a Secret (ANAISS_STATS_NOISE_KEYS); the dev and test profiles carry
         * a dev-only key.
         */
        @NotEmpty
        List<String> noiseKeys();
    }

    interface Release {
        /**
         * Time zone of the producers' periods: a month ends at midnight there. A snapshot of a period
         * that has not ended is refused.
         */
        @WithDefault("Europe/Paris")
        java.time.ZoneId zone();

        /**
         * The producers' freeze delay (case-service's anaiss.cases.stats.freeze-delay, outreach-service's
         * anaiss.outreach.stats.freeze-after): a period is released this long after its end. Only used to
         * tell readers when the next period will be released.
         */
        @WithDefault("45D")
        Duration delay();
    }

    interface Query {
        /** Most cells one answer may hold (periods x combinations); a larger request is refused with 400. */
        @WithDefault("50000")
        @Min(1)
        @Max(1_000_000)
        int maxCells();

        /** Memory for answers already computed (JSON and CSV bytes), keyed by the snapshot versions they used. 0: none. */
        @WithDefault("67108864")
        @Min(0)
        long cacheBytes();

        /**
         * Stored cells kept in memory, grouping set by grouping set of each snapshot version, so an
         * answer not computed before is built without reading PostgreSQL again. Counted in ints (4
         * bytes each; a dense grouping set holds one per combination of its values): 4 000 000, about
         * 16 MB, holds every grouping set a statistician usually reads over years. 0: none.
         */
        @WithDefault("4000000")
        @Min(0)
        long cellCacheCells();
    }

    interface Ingest {
        /** Producers whose stats-aggregates schemas are bundled under schemas/<producer>/. */
        @WithDefault("case-service,outreach-service")
        @NotEmpty
        List<String> producers();

        /** Largest message accepted, in bytes: the topic's max.message.bytes (8 MiB). */
        @WithDefault("8388608")
        @Min(1024)
        int maxMessageBytes();
    }

    interface Rebuild {
        /** Read the whole topic again at startup, restoring what is missing (what is stored is kept). */
        @WithDefault("false")
        boolean atStart();

        /** Consumer group of the rebuild's own consumer (it commits nothing); within the service's ACL prefix. */
        @WithDefault("stats-service-rebuild")
        String groupId();

        /** How long a rebuild waits for the broker before giving up. */
        @WithDefault("60s")
        Duration brokerTimeout();
    }
}
