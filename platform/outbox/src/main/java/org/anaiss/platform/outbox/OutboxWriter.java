package org.anaiss.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.anaiss.platform.telemetry.TraceContexts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Writes an event to the service's {@code outbox_event} table as a CloudEvent (structured mode), in the current
 * Hibernate Reactive transaction: call it inside the transaction of the change it reports. Each service wraps it
 * in its own {@code Outbox} (its CloudEvents source). Plain SQL rather than an entity: the services' tables differ
 * by the columns they use ({@code event_id} in one, {@code payload_ct}/{@code payload_key} in the other), and a
 * row names only the columns it fills.
 */
@ApplicationScoped
public class OutboxWriter {

    /** CloudEvents 1.0 envelope, structured mode: the whole envelope is the Kafka record value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Envelope(String specversion, String id, String source, String type, Instant time, String datacontenttype,
            String subject, Object data) {
    }

    private final ObjectMapper json;
    private final Clock clock;
    private final HttpServerRequest request;
    private final Instance<OutboxSeal> seal;

    public OutboxWriter(ObjectMapper json, Clock clock, HttpServerRequest request, Instance<OutboxSeal> seal) {
        this.json = json;
        this.clock = clock;
        this.request = request;
        this.seal = seal;
    }

    /** An event with a random CloudEvents id, carrying the trace context of the HTTP request behind it, if any. */
    public Uni<Void> add(String source, String topic, String key, String type, String subject, Object data) {
        return add(source, topic, key, type, subject, data, null, requestTraceparent());
    }

    /**
     * @param eventId the CloudEvents id, when it must be deterministic (null: the row's random id)
     * @param traceparent the W3C trace context of the request behind the event (null if none)
     */
    public Uni<Void> add(String source, String topic, String key, String type, String subject, Object data, String eventId,
            String traceparent) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Envelope envelope = new Envelope("1.0", eventId == null ? id.toString() : eventId, source, type, now,
                "application/json", subject, data);
        List<String> columns = new ArrayList<>(List.of("id", "topic", "record_key", "type", "created_at"));
        List<Object> values = new ArrayList<>(List.of(id, topic, key, type, now));
        try {
            if (seal.isResolvable()) {
                OutboxSeal.Sealed sealed = seal.get().seal(id, json.writeValueAsBytes(envelope));
                columns.addAll(List.of("payload_ct", "payload_key"));
                values.addAll(List.of(sealed.ciphertext(), sealed.keyId()));
            } else {
                columns.add("payload");
                values.add(json.writeValueAsString(envelope));
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serialisable: " + type, e));
        }
        // only the columns filled: a null parameter has no type for the database, and a service's table may lack one
        if (eventId != null) {
            columns.add("event_id");
            values.add(eventId);
        }
        if (traceparent != null) {
            columns.add("traceparent");
            values.add(traceparent);
        }
        StringBuilder sql = new StringBuilder("insert into outbox_event (").append(String.join(", ", columns)).append(") values (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? ":" : ", :").append(columns.get(i));
        }
        sql.append(')');
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(columns.get(i), values.get(i));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** The W3C trace context of the HTTP request behind the event (the gateway's), none for a job's events. */
    private String requestTraceparent() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            return TraceContexts.current(request.getHeader("traceparent"));
        } catch (RuntimeException noHttpRequest) {
            // a request context without an HTTP request (a message being consumed)
            return null;
        }
    }
}
