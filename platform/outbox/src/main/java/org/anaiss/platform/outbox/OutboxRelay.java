package org.anaiss.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Relays outbox rows to Kafka (channel {@code outbox}; the topic is set per record), oldest first. One replica
 * relays at a time (a transaction-scoped advisory lock: per-key order holds across replicas, and a killed replica's
 * lock goes with its connection), and rows are marked sent only after the broker acknowledged them: a crash between
 * the two sends them again (consumers dedupe on the CloudEvents id), never loses them.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock of the relay, in every service's own database ("anaiss-outbox-relay"). */
    static final long RELAY_LOCK = 0x616e616973735f6fL;
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** One row locked for this round. */
    record Pending(UUID id, String topic, String key, String type, String eventId, String traceparent, String payload,
            byte[] ciphertext, String keyId) {
    }

    private final MutinyEmitter<String> emitter;
    private final Pool pool;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Instance<OutboxSeal> seal;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, Pool pool, OutboxSettings settings, Clock clock,
            Instance<OutboxSeal> seal) {
        this.emitter = emitter;
        this.pool = pool;
        this.settings = settings;
        this.clock = clock;
        this.seal = seal;
    }

    @Scheduled(every = "${anaiss.outbox.interval:1s}", delayed = "${anaiss.outbox.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "outbox-relay")
    Uni<Void> relayScheduled() {
        return relay().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox relay round failed (%s); retrying next round", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** One round: returns the number of events the broker acknowledged. */
    public Uni<Integer> relay() {
        // One relay at a time per database: replicas sharing rows (SKIP LOCKED) would send two events of one key
        // concurrently, out of order. The lock ends with the transaction, or with the connection of a killed replica.
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1) as mine").execute(Tuple.of(RELAY_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("mine"))
                .chain(mine -> mine ? round(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> round(SqlConnection conn) {
        // select *: the columns a service's table lacks (event_id, payload_ct) read as absent
        return conn
                .preparedQuery("select * from outbox_event where sent_at is null order by position limit $1 for update skip locked")
                .execute(Tuple.of(settings.batchSize()))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getUUID("id"), row.getString("topic"), row.getString("record_key"),
                                row.getString("type"), text(row, "event_id"), row.getString("traceparent"),
                                row.getString("payload"), bytes(row, "payload_ct"), text(row, "payload_key")));
                    }
                    return pending;
                })
                .chain(pending -> sendAll(conn, pending));
    }

    private Uni<Integer> sendAll(SqlConnection conn, List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Handed to the producer in order (per-key order holds), acknowledged concurrently; rows are
        // marked sent up to the first failure, the rest wait for the next round.
        List<Uni<Boolean>> sends = events.stream()
                .map(event -> send(event).replaceWith(Boolean.TRUE).onFailure().recoverWithItem(Boolean.FALSE))
                .toList();
        return Uni.join().all(sends).andFailFast().chain(acks -> {
            List<UUID> sent = new ArrayList<>();
            UUID failed = null;
            for (int i = 0; i < acks.size(); i++) {
                if (!acks.get(i)) {
                    failed = events.get(i).id();
                    LOG.warnf("event %s not acknowledged by the broker; %d left for the next round", failed, acks.size() - i);
                    break;
                }
                sent.add(events.get(i).id());
            }
            Uni<Void> markSent = sent.isEmpty() ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("update outbox_event set sent_at = $1 where id = any($2)")
                            .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), sent.toArray(UUID[]::new))).replaceWithVoid();
            UUID notSent = failed;
            Uni<Void> countAttempt = notSent == null ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("update outbox_event set attempts = attempts + 1 where id = $1")
                            .execute(Tuple.of(notSent)).replaceWithVoid();
            return markSent.chain(() -> countAttempt).replaceWith(sent.size());
        });
    }

    private Uni<Void> send(Pending event) {
        String payload;
        try {
            // a sealed payload is opened only here, in memory, just before it leaves: the row itself stays sealed
            payload = event.payload() != null ? event.payload() : seal.get().open(event.id(), event.keyId(), event.ciphertext());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", (event.eventId() != null ? event.eventId() : event.id().toString()).getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", event.type().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        if (event.traceparent() != null) {
            headers.add("traceparent", event.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.key())
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(continued(Message.of(payload).addMetadata(metadata), event.traceparent()))
                .ifNoItem().after(settings.sendTimeout()).fail();
    }

    /**
     * The relay sends an event long after the request that wrote it: the stored W3C context becomes the parent of
     * the Kafka producer span, so the consumer's span continues the request's trace. Without OpenTelemetry (or with
     * its SDK off) the {@code traceparent} header above carries the same context.
     */
    static <T> Message<T> continued(Message<T> message, String traceparent) {
        if (traceparent == null) {
            return message;
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceparent), GETTER);
        return message.addMetadata(TracingMetadata.with(parent, parent));
    }

    private static String text(Row row, String column) {
        return row.getColumnIndex(column) < 0 ? null : row.getString(column);
    }

    private static byte[] bytes(Row row, String column) {
        return row.getColumnIndex(column) < 0 || row.getValue(column) == null ? null : row.getBuffer(column).getBytes();
    }
}
