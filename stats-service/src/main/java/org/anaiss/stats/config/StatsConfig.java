package org.anaiss.stats.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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

    interface Disclosure {
        /**
         * Smallest count published: a noisy value below it is published as masked. 11 by default,
         * never below 5 (the floor).
         */
        @WithDefault("11")
        @Min(5)
        int threshold();

        /**
         * Privacy parameter of the two-sided geometric noise added to every cell: the noise of a cell
         * is n with probability (1-a)/(1+a) a^|n|, a = e^-epsilon. 0.5 by default (noise standard
         * deviation 2.8). Above 1 the noise is too often 0 for masked cells to resist differencing.
         */
        @WithDefault("0.5")
        @DecimalMin("0.05")
        @DecimalMax("1.0")
        double epsilon();

        /**
         * The secret that seeds the noise, {@code id:base64} of 32 random bytes or more. No default:
         * production takes it from a Secret (ANAISS_STATS_NOISE_KEY); the dev and test profiles carry
         * a dev-only key. Changing it (or epsilon) makes stats-service rebuild its cells from the topic.
         */
        String noiseKey();
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
        /** Rebuild the database from the topic at startup (also done when the noise parameters changed). */
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
