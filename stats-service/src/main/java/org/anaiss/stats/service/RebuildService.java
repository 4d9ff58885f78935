package org.anaiss.stats.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.stats.config.StatsConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Rebuilds the database from the compacted topic: reads every partition of stats-aggregates from
 * offset 0 up to the end offsets seen at the start, each record through the same ingestion as the
 * live consumer. Released snapshots are never replaced, so what is stored is kept and what is missing
 * (a lost or restored database) is stored again, protected exactly as it was: the key of a period is a
 * function of the period, and the noise of a cell a function of the key and the cell. The live
 * consumer goes on meanwhile; both store only the first snapshot of a key, so neither undoes the
 * other. Rejections are kept (a message read again is recorded once).
 * <p>
 * The rebuild's consumer is assigned all partitions (no group membership, nothing committed), so it
 * works whatever replica runs it; its group id stays within the service's ACL prefix.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** Where a rebuild stands; counts of records read, applied, ignored (older versions) and rejected. */
    public record Status(State state, String reason, Instant startedAt, Instant finishedAt, long read, long applied,
            long ignored, long rejected) {
    }

    private final SnapshotIngestor ingestor;
    private final StatsConfig config;
    private final Map<String, Object> kafka;
    private final String topic;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "stats-rebuild"));
    private final AtomicReference<Status> status = new AtomicReference<>(
            new Status(State.IDLE, null, null, null, 0, 0, 0, 0));

    public RebuildService(SnapshotIngestor ingestor, StatsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "mp.messaging.incoming.stats-aggregates.topic", defaultValue = "stats-aggregates") String topic,
            Clock clock) {
        this.ingestor = ingestor;
        this.config = config;
        this.kafka = kafka;
        this.topic = topic;
        this.clock = clock;
    }

    /** At startup, when asked to (ANAISS_STATS_REBUILD_AT_START). */
    void onStart(@Observes StartupEvent event) {
        if (config.rebuild().atStart()) {
            start();
        }
    }

    public Status status() {
        return status.get();
    }

    /** @return false when a rebuild is already running */
    public synchronized boolean start() {
        if (status.get().state() == State.RUNNING) {
            return false;
        }
        status.set(new Status(State.RUNNING, null, clock.instant(), null, 0, 0, 0, 0));
        executor.execute(this::run);
        return true;
    }

    private void run() {
        Duration timeout = config.rebuild().brokerTimeout();
        long read = 0;
        long applied = 0;
        long ignored = 0;
        long rejected = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            // the broker answers before anything is emptied
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            LOG.infof("rebuild: reading %d partitions of %s up to %s", partitions.size(), topic, end.values());
            Instant deadline = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, end)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("no progress from the broker for " + timeout.toSeconds() + " s");
                    }
                    continue;
                }
                deadline = Instant.now().plus(timeout);
                for (ConsumerRecord<String, String> r : records) {
                    if (r.offset() >= end.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                        continue;
                    }
                    read++;
                    switch (ingestor.ingest(r.topic(), r.partition(), r.offset(), r.key(), r.value()).await().atMost(timeout)) {
                        case APPLIED -> applied++;
                        case IGNORED -> ignored++;
                        case REJECTED -> rejected++;
                    }
                    status.set(new Status(State.RUNNING, null, status.get().startedAt(), null, read, applied, ignored, rejected));
                }
            }
            status.set(new Status(State.DONE, null, status.get().startedAt(), clock.instant(), read, applied, ignored, rejected));
            LOG.infof("rebuild done: %d records read, %d applied, %d ignored, %d rejected", read, applied, ignored, rejected);
        } catch (RuntimeException e) {
            // the type only: a message could quote data
            LOG.errorf("rebuild failed: %s", e.getClass().getName());
            status.set(new Status(State.FAILED, e.getClass().getSimpleName(), status.get().startedAt(), clock.instant(), read,
                    applied, ignored, rejected));
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The broker settings shared by every channel (kafka.*: bootstrap servers, security), and the rebuild's own. */
    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.rebuild().groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.ingest().maxMessageBytes() + 65_536);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "stats-service-rebuild");
        return props;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
