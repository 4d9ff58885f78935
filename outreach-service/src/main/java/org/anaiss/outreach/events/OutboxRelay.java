package org.anaiss.outreach.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Relays outbox rows to Kafka, oldest first. Rows are locked with SKIP LOCKED so several replicas
 * share the work, and marked sent only after the broker acknowledged them: a crash between the two
 * sends them again (consumers dedupe on the CloudEvents id), never loses them.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private final MutinyEmitter<String> emitter;
    private final OutreachConfig config;
    private final Clock clock;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, OutreachConfig config, Clock clock) {
        this.emitter = emitter;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.outbox.interval:1s}", delayed = "${anaiss.outreach.outbox.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "outbox-relay")
    Uni<Void> relayScheduled() {
        return relay().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox relay round failed (%s); retrying next round", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** One round: returns the number of events the broker acknowledged. */
    public Uni<Integer> relay() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select * from outbox_event where sent_at is null order by position limit :n "
                        + "for update skip locked", OutboxEvent.class)
                .setParameter("n", config.outbox().batchSize())
                .getResultList())
                .chain(this::sendAll));
    }

    private Uni<Integer> sendAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // Handed to the producer in order (per-key order holds), acknowledged concurrently; rows are
        // marked sent up to the first failure, the rest wait for the next round.
        List<Uni<Boolean>> sends = events.stream()
                .map(event -> send(event).replaceWith(Boolean.TRUE).onFailure().recoverWithItem(Boolean.FALSE))
                .toList();
        return Uni.join().all(sends).andFailFast().map(acks -> {
            int sent = 0;
            for (int i = 0; i < acks.size(); i++) {
                OutboxEvent event = events.get(i);
                if (!acks.get(i)) {
                    event.attempts++;
                    LOG.warnf("event %s not acknowledged by the broker; %d left for the next round", event.id, acks.size() - i);
                    break;
                }
                event.sentAt = clock.instant();
                sent++;
            }
            return sent;
        });
    }

    private Uni<Void> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", event.id.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", event.type.getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        if (event.traceparent != null) {
            headers.add("traceparent", event.traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.recordKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.payload).addMetadata(metadata))
                .ifNoItem().after(config.outbox().sendTimeout()).fail();
    }

}
