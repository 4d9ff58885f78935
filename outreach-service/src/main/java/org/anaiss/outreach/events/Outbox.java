package org.anaiss.outreach.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Adds an event to the outbox; call it inside the transaction of the change it reports. */
@ApplicationScoped
public class Outbox {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpServerRequest request;

    public Outbox(ObjectMapper json, Clock clock, HttpServerRequest request) {
        this.json = json;
        this.clock = clock;
        this.request = request;
    }

    public Uni<Void> add(String topic, String key, String type, String subject, Object data) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        CloudEvent<Object> envelope = new CloudEvent<>("1.0", id.toString(), CloudEvent.SOURCE, type, now,
                "application/json", subject, data);
        OutboxEvent event = new OutboxEvent();
        event.id = id;
        event.topic = topic;
        event.recordKey = key;
        event.type = type;
        event.createdAt = now;
        event.traceparent = traceparent();
        try {
            event.payload = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serialisable: " + type, e));
        }
        return event.persist().replaceWithVoid();
    }

    /** The W3C trace context of the HTTP request behind the event (the gateway's), none for a job's events. */
    private String traceparent() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            String value = request.getHeader("traceparent");
            return value != null && TRACEPARENT.matcher(value).matches() ? value : null;
        } catch (RuntimeException noHttpRequest) {
            // a request context without an HTTP request (a message being consumed)
            return null;
        }
    }
}
