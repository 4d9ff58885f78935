package org.anaiss.platform.outbox;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The outbox's settings, under the service's own configuration prefix: the service's config mapping has a group
 * that extends this interface ({@code anaiss.cases.outbox.*}, {@code anaiss.outreach.outbox.*}) and a producer
 * hands it to the platform. The schedules are read by the scheduler from {@code anaiss.outbox.interval},
 * {@code anaiss.outbox.initial-delay} and {@code anaiss.outbox.purge-interval}, which each service's
 * application.properties sets from its own keys.
 */
public interface OutboxSettings {

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

    /**
     * A sent event is deleted from the outbox this long after the broker acknowledged it: long enough to look into
     * a delivery problem, short enough that the outbox is no second copy of the service's data. Unsent events are
     * never deleted.
     */
    @WithDefault("1D")
    Duration sentRetention();

    /** How often sent events past their retention are deleted ("off" to disable). */
    @WithDefault("10m")
    String purgeInterval();
}
