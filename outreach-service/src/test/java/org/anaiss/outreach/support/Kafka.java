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
                + "\",\"region\":\"" + region + "\",\"theme\":\"JOB_RETENTION\",\"origin\":\"SELF\",\"status\":\"" + status
                + "\",\"occurredAt\":\"" + now + "\"}}";
        Properties p = new Properties();
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

    private static void send(String topic, String key, String value) {
        Properties p = new Properties();
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
        Properties p = new Properties();
        p.put("bootstrap.servers", BOOTSTRAP);
        p.put("group.id", "outreach-test-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + within.toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r.value());
                    }
                }
            }
            // a little longer: a duplicate would show up right after
            long grace = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (!found.isEmpty() && System.nanoTime() < grace) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r.value());
                    }
                }
            }
        }
        return found;
    }
}
