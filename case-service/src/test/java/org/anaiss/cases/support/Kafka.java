package org.anaiss.cases.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against the real broker, for what tests put on or read from topics. */
public final class Kafka {

    private Kafka() {
    }

    /**
     * The shared local broker authenticates every client (SASL/SCRAM, deploy/local/env.sh); tests
     * read and write as its admin principal, the services as their own.
     */
    public static Properties withAdminCredentials(Properties p) {
        String protocol = System.getenv().getOrDefault("ANAISS_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        p.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                    + System.getenv().getOrDefault("ANAISS_KAFKA_ADMIN_PASSWORD", "admin-local-only") + "\";");
        }
        return p;
    }

    public static String bootstrap() {
        String b = System.getenv("ANAISS_KAFKA_BOOTSTRAP");
        return b == null || b.isBlank() ? "localhost:9092" : b;
    }

    public static void send(String bootstrap, String topic, String key, String value) {
        send(bootstrap, topic, key, value, java.util.Map.of());
    }

    public static void send(String bootstrap, String topic, String key, String value, java.util.Map<String, String> headers) {
        Properties p = withAdminCredentials(new Properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, v) -> record.headers().add(name, v.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** A consumer positioned at the end of every partition of the topic: it sees only what comes next. */
    public static KafkaConsumer<String, String> tail(String bootstrap, String topic) {
        return tail(withAdminCredentials(new Properties()), bootstrap, topic);
    }

    /** The same on a test's own broker ({@link PrivateKafka}), which authenticates nobody. */
    public static KafkaConsumer<String, String> tailUnauthenticated(String bootstrap, String topic) {
        return tail(new Properties(), bootstrap, topic);
    }

    private static KafkaConsumer<String, String> tail(Properties p, String bootstrap, String topic) {
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "case-service-test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Records matching the predicate, polled until at least {@code atLeast} arrived or the time is up. */
    public static List<ConsumerRecord<String, String>> await(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match, int atLeast, Duration limit) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(limit);
        while (found.size() < atLeast && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
                if (match.test(r)) {
                    found.add(r);
                }
            }
        }
        return found;
    }
}
