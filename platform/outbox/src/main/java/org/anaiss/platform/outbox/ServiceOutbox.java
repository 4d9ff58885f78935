package org.anaiss.platform.outbox;

import io.smallrye.mutiny.Uni;

/**
 * What a service's own {@code Outbox} bean extends: it only names the service's CloudEvents source, and its
 * callers keep calling {@code outbox.add(topic, key, type, subject, data)}. Call it inside the transaction of the
 * change the event reports.
 */
public abstract class ServiceOutbox {

    private final OutboxWriter writer;
    private final String source;

    /** For the client proxy of the service's normal-scoped bean only: CDI needs a no-args constructor. */
    protected ServiceOutbox() {
        this(null, null);
    }

    protected ServiceOutbox(OutboxWriter writer, String source) {
        this.writer = writer;
        this.source = source;
    }

    /** An event with a random CloudEvents id, carrying the trace context of the HTTP request behind it, if any. */
    public Uni<Void> add(String topic, String key, String type, String subject, Object data) {
        return writer.add(source, topic, key, type, subject, data);
    }

    /**
     * @param eventId the CloudEvents id, when it must be deterministic (null: a random UUID)
     * @param traceparent the W3C trace context of the request behind the event (null if none)
     */
    public Uni<Void> add(String topic, String key, String type, String subject, Object data, String eventId, String traceparent) {
        return writer.add(source, topic, key, type, subject, data, eventId, traceparent);
    }
}
