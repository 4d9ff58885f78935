package org.anaiss.outreach.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The real broker, with plain clients: what another service would publish and read. */
public final class Kafka {

    public static final String BOOTSTRAP = System.getenv().getOrDefault("ANAISS_KAFKA_BOOTSTRAP", "localhost:9092");

    private Kafka() {
    }

    /** Publishes a case-events CloudEvent as case-service does: a case of this person is now OPEN (or CLOSED). */
    public static void caseEvent(String personKey, String region, String status) {
        UUID caseId = UUID.randomUUID();
        String now = Instant.now().toString();
        String type = "OPEN".equals(status) ? "org.anaiss.case.CaseOpened.v1" : "org.anaiss.case.CaseClosed.v1";
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/anaiss/case-service\","
                + "\"type\":\"" + type + "\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\","
                + "\"subject\":\"" + caseId + "\",\"data\":{\"caseId\":\"" + caseId + "\",\"personKey\":\"" + personKey
                + "\",\"region\":\"" + region + "\",\"status\":\"" + status
                + "\",\"occurredAt\":\"" + now + "\"}}";
        Properties p = withAdminCredentials(new Properties());
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("case-events", caseId.toString(), json)).get();
        } catch (Exception e) {
            throw new IllegalStateException("case event not published", e);
        }
    }

    /** Publishes case-service's PersonObjectedToOutreach for a person key (the DPO recorded an objection there). */
    public static void personObjected(String personKey, String region) {
        String now = Instant.now().toString();
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/anaiss/case-service\","
                + "\"type\":\"org.anaiss.case.PersonObjectedToOutreach.v1\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"personKey\":\"" + personKey + "\",\"region\":\"" + region + "\",\"occurredAt\":\"" + now + "\"}}";
        send("case-events", UUID.randomUUID().toString(), json);
    }

    /**
     * The shared local broker authenticates every client (SASL/SCRAM, deploy/local/env.sh); tests
     * read and write as its admin principal, the services as their own.
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

    /** Publishes a record as another service would (as the broker's admin). */
    public static void publish(String topic, String key, String value) {
        send(topic, key, value);
    }

    private static void send(String topic, String key, String value) {
        Properties p = withAdminCredentials(new Properties());
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("event not published", e);
        }
    }

    /** Records of a topic with this key, read from the beginning by a group of its own. */
    public static List<String> valuesWithKey(String topic, String key, Duration within) {
        return recordsWithKey(topic, key, within).stream().map(ConsumerRecord::value).toList();
    }

    /** Records (with their headers) of a topic with this key, read from the beginning by a group of its own. */
    public static List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key, Duration within) {
        Properties p = withAdminCredentials(new Properties());
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("group.id", "outreach-test-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
            // a little longer: a duplicate would show up right after
            long grace = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (!found.isEmpty() && System.nanoTime() < grace) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
