package org.anaiss.platform.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.kafka.EventPayloads.MalformedEventException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * What a consumer does with an event it cannot read, the same in every service: a warning with the reason (a
 * location, never a value), one more on the counter behind the alert AnaissDeadLetters
 * ({@code anaiss_messages_dead_lettered_events_total{channel}}), and a failure, which the channel's
 * {@code failure-strategy=dead-letter-queue} turns into a record on its dead-letter topic. Every channel so
 * configured has its series from the start, at 0 (the consumers themselves are created at their first message).
 */
@ApplicationScoped
@Startup
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Pattern DEAD_LETTERED_CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.failure-strategy");
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeadLetters(MeterRegistry registry, Config config) {
        this.registry = registry;
        for (String property : config.getPropertyNames()) {
            Matcher m = DEAD_LETTERED_CHANNEL.matcher(property);
            if (m.matches() && "dead-letter-queue".equals(config.getOptionalValue(property, String.class).orElse(null))) {
                counter(m.group(1));
            }
        }
    }

    /** Sends the event of this channel to its dead-letter topic: the failure to return from the consumer. */
    public <T> Uni<T> send(String channel, MalformedEventException reason) {
        LOG.warnf("malformed %s event dead-lettered: %s", channel, reason.getMessage());
        counter(channel).increment();
        return Uni.createFrom().failure(reason);
    }

    private Counter counter(String channel) {
        return counters.computeIfAbsent(channel, c -> Counter.builder("anaiss.messages.dead.lettered").tag("channel", c)
                .description("Consumed events sent to the dead-letter topic because they could not be read").baseUnit("events")
                .register(registry));
    }
}
