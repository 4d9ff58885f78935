package org.anaiss.outreach.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Adds an event to the outbox; call it inside the transaction of the change it reports. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final Clock clock;

    public Outbox(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
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
        try {
            event.payload = json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event not serialisable: " + type, e));
        }
        return event.persist().replaceWithVoid();
    }
}
