package org.anaiss.cases.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.anaiss.cases.service.OfferIntakeService;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.pgclient.PgException;

/**
 * Consumes {@code offer-accepted}. A malformed event fails at once and goes to the dead-letter
 * topic (the partition moves on); a valid one is retried with backoff while the database is
 * unavailable, so nothing valid is dead-lettered by an outage.
 */
@ApplicationScoped
public class OfferAcceptedConsumer {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Logger LOG = Logger.getLogger(OfferAcceptedConsumer.class);
    private final ObjectMapper json;
    private final Validator validator;
    private final OfferIntakeService intake;
    private final DeadLetters deadLetters;

    public OfferAcceptedConsumer(ObjectMapper json, Validator validator, OfferIntakeService intake, DeadLetters deadLetters) {
        this.json = json;
        this.validator = validator;
        this.intake = intake;
        this.deadLetters = deadLetters;
    }

    @Incoming("offer-accepted")
    public Uni<Void> consume(String payload, IncomingKafkaRecordMetadata<String, String> metadata) {
        OfferAcceptedEvent event;
        try {
            event = parse(payload);
        } catch (MalformedEventException e) {
            LOG.warnf("malformed offer-accepted event dead-lettered: %s", e.getMessage());
            deadLetters.offerAccepted();
            return Uni.createFrom().failure(e);
        }
        return intake.accept(event, traceparent(metadata))
                .onFailure(OfferAcceptedConsumer::transientFailure)
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .invoke(caseId -> {
                    if (caseId == null) {
                        LOG.debugf("offer-accepted %s already applied", event.id());
                    }
                })
                .replaceWithVoid();
    }

    private static String traceparent(IncomingKafkaRecordMetadata<String, String> metadata) {
        Header header = metadata == null ? null : metadata.getHeaders().lastHeader("traceparent");
        String value = header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
        return value != null && TRACEPARENT.matcher(value).matches() ? value : null;
    }

    OfferAcceptedEvent parse(String payload) {
        if (payload == null || payload.length() > 64_000) {
            throw new MalformedEventException("missing or oversized payload");
        }
        OfferAcceptedEvent event;
        try {
            event = json.readValue(payload, OfferAcceptedEvent.class);
        } catch (JsonProcessingException e) {
            // location only: the message could quote personal data
            throw new MalformedEventException("not a valid offer-accepted JSON document (" + e.getClass().getSimpleName() + ")");
        }
        Set<ConstraintViolation<OfferAcceptedEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new MalformedEventException("invalid fields: " + violations.stream()
                    .map(v -> v.getPropertyPath().toString()).sorted().collect(Collectors.joining(", ")));
        }
        return event;
    }

    /** Integrity errors will not heal by waiting; connection and timeout errors will. */
    static boolean transientFailure(Throwable t) {
        if (t instanceof PgException pg) {
            String state = pg.getSqlState();
            return state == null || !(state.startsWith("22") || state.startsWith("23"));
        }
        return !(t instanceof MalformedEventException) && !(t instanceof IllegalArgumentException);
    }

    /** The event cannot be applied as it is: it goes to the dead-letter topic with this reason. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}
