package org.anaiss.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.anaiss.platform.problem.SqlStates;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * How every consumer reads an event, the same in each service: a payload of bounded size, read as the consumer's
 * record of the producer's JSON Schema, validated (Bean Validation); anything else is a
 * {@link MalformedEventException}, which the consumer dead-letters at once. Reasons name a location, never a value
 * (an event may carry personal data).
 */
@ApplicationScoped
public class EventPayloads {

    private static final Logger LOG = Logger.getLogger(EventPayloads.class);
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private final ObjectMapper json;
    private final Validator validator;

    public EventPayloads(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The event, read and valid, or a {@link MalformedEventException} saying why not. */
    public <T> T read(String payload, Class<T> type, String topic, int maxChars) {
        if (payload == null || payload.length() > maxChars) {
            throw new MalformedEventException("missing or oversized payload");
        }
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            // the type of the error only: its message could quote the payload
            throw new MalformedEventException("not a valid " + topic + " JSON document (" + e.getClass().getSimpleName() + ")");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
        }
        return event;
    }

    /**
     * Whether applying an event may succeed if tried again: a lost connection or a timeout will heal, an event that
     * cannot be read or a value the database refuses (SQL states 22xxx, 23xxx, wherever they lie in the cause chain)
     * will not.
     */
    public static boolean transientFailure(Throwable t) {
        if (t instanceof MalformedEventException || t instanceof IllegalArgumentException) {
            return false;
        }
        return SqlStates.findClass(t, "22", "23") == null;
    }

    /**
     * Applies an event, trying again while its failure is {@linkplain #transientFailure transient} (backoff from
     * 0.5 s to 30 s, for as long as it takes: an outage of the database loses nothing), with one warning per attempt
     * naming the channel and the failure's type only (its message could quote a value). Other failures pass through,
     * for the channel's dead-letter topic.
     */
    public static <T> Uni<T> retryWhileTransient(Uni<T> apply, String channel) {
        return apply.onFailure(EventPayloads::transientFailure)
                .invoke(e -> LOG.warnf("%s: event not applied yet (%s), trying again", channel, e.getClass().getSimpleName()))
                .onFailure(EventPayloads::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    /** The W3C trace context the record carried, if well formed; null otherwise. */
    public static String traceparent(IncomingKafkaRecordMetadata<?, ?> metadata) {
        Header header = metadata == null ? null : metadata.getHeaders().lastHeader("traceparent");
        String value = header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
        return value != null && TRACEPARENT.matcher(value).matches() ? value : null;
    }

    /** The event cannot be applied as it is: it goes to the dead-letter topic with this reason. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}
