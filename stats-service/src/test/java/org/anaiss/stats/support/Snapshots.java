package org.anaiss.stats.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Releases as case-service publishes them (CloudEvents, structured mode, on stats-aggregates, schema
 * v2), sent with a plain producer to the real broker. Periods are unique: past years picked at random far
 * from real data (a period is accepted only once it has ended), never twice in a JVM nor one an earlier
 * run left on the topic, so tests share nothing with each other or other runs.
 */
public final class Snapshots {

    public static final String TOPIC = "stats-aggregates";
    public static final List<String> DIMENSIONS = List.of("region", "ageBand", "sex", "theme", "origin");
    /** cases_closed, an outcome, is national only: no region. */
    public static final List<String> NATIONAL_DIMENSIONS = List.of("ageBand", "sex", "theme", "origin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Integer> USED = new HashSet<>();
    private static KafkaProducer<String, String> producer;

    private Snapshots() {
    }

    /**
     * A past year (1100-1899, its periods have ended) that no test of this run uses and that no earlier run left on the
     * topic: the service reads stats-aggregates from its beginning into each run's new database, so a year an earlier
     * run released is not empty here.
     */
    public static synchronized int uniqueYear() {
        if (USED.isEmpty()) {
            Set<Integer> onTheTopic = yearsOnTheTopic();
            USED.addAll(onTheTopic);
            System.out.printf("test years: %d of 800 already on %s from earlier runs%n", onTheTopic.size(), TOPIC);
        }
        if (USED.size() >= 800) {
            throw new IllegalStateException("every test year 1100-1899 is on " + TOPIC + " already: recreate the local topic "
                    + "(deploy/local/infra.sh down kafka, remove its data, up)");
        }
        int year;
        do {
            year = 1100 + RANDOM.nextInt(800);
        } while (!USED.add(year));
        return year;
    }

    /** The years of the periods keyed on the topic (producer/measure/GRANULARITY/period), read from its beginning. */
    private static Set<Integer> yearsOnTheTopic() {
        Properties p = withAdminCredentials(new Properties());
        String bootstrap = System.getenv("ANAISS_KAFKA_BOOTSTRAP");
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap == null || bootstrap.isBlank() ? "localhost:9092" : bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Set<Integer> years = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + TOPIC + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = r.key();
                    int slash = key == null ? -1 : key.lastIndexOf('/');
                    if (slash >= 0 && key.length() >= slash + 5 && key.substring(slash + 1, slash + 5).matches("[0-9]{4}")) {
                        years.add(Integer.parseInt(key.substring(slash + 1, slash + 5)));
                    }
                }
            }
        }
        return years;
    }

    public static List<String> dimensionsOf(String measure) {
        return measure.equals("cases_closed") ? NATIONAL_DIMENSIONS : DIMENSIONS;
    }

    public static String key(String measure, String granularity, String period) {
        return "case-service/" + measure + "/" + granularity + "/" + period;
    }

    /** The envelope and data of a conforming release, as a mutable tree (tests break it on purpose). */
    public static Map<String, Object> snapshot(String measure, String granularity, String period, long version,
            List<List<Object>> cells) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("producer", "case-service");
        data.put("measure", measure);
        data.put("granularity", granularity);
        data.put("period", period);
        data.put("version", version);
        data.put("released", true);
        data.put("dimensions", dimensionsOf(measure));
        data.put("cells", cells);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        // case-service's id: <subject>@<version>, the same snapshot always has the same id
        event.put("id", key(measure, granularity, period) + "@" + version);
        event.put("source", "/anaiss/case-service");
        event.put("type", "org.anaiss.stats.AggregateSnapshot.v2");
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("subject", key(measure, granularity, period));
        event.put("data", data);
        return event;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    public static RecordMetadata send(String key, Map<String, Object> event) {
        try {
            return send(key, JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The shared local broker authenticates every client (SASL/SCRAM, deploy/local/env.sh); tests
     * write as its admin principal, the service reads as its own.
     */
    private static Properties withAdminCredentials(Properties p) {
        String protocol = System.getenv().getOrDefault("ANAISS_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        p.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                    + System.getenv().getOrDefault("ANAISS_KAFKA_ADMIN_PASSWORD", "admin-local-only") + "\";");
        }
        return p;
    }

    public static synchronized RecordMetadata send(String key, String value) {
        if (producer == null) {
            Properties p = withAdminCredentials(new Properties());
            String bootstrap = System.getenv("ANAISS_KAFKA_BOOTSTRAP");
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap == null || bootstrap.isBlank() ? "localhost:9092" : bootstrap);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8_388_608);
            producer = new KafkaProducer<>(p);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);
        record.headers().add("content-type", "application/cloudevents+json".getBytes());
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + TOPIC, e);
        }
    }

    /**
     * The cells with every cell of these regions replaced by the producer's marker: one cell per region,
     * [region, null, null, null, null, "unit-too-small"], as case-service sends a region failing its staff
     * rule. The national cells (region null) are kept: they still count the region.
     */
    public static List<List<Object>> suppressing(List<List<Object>> cells, String... regions) {
        List<String> suppressed = java.util.Arrays.asList(regions);
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> cell : cells) {
            if (!suppressed.contains(cell.get(0))) {
                result.add(cell);
            }
        }
        for (String region : regions) {
            result.add(java.util.Arrays.asList(region, null, null, null, null, "unit-too-small"));
        }
        return result;
    }

    /** The twelve months of a year. */
    public static List<String> months(int year) {
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(String.format("%d-%02d", year, m));
        }
        return months;
    }
}
