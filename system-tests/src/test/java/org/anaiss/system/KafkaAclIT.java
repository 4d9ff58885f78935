package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local broker authenticates every client and its StandardAuthorizer applies the grants of
 * deploy/local/kafka/acls.txt (the same as the KafkaUsers of deploy/k8s). The stats-service
 * principal may only read stats-aggregates with its own groups: the anonymous statistics cannot
 * reach the events that carry case or person ids, and it can write nothing anywhere.
 */
class KafkaAclIT {

    @BeforeAll
    static void brokerAuthenticates() {
        // fails, never skips: a run that cannot prove the ACLs must say so (leave this class out on purpose, with -Dit.test)
        assertTrue(Env.kafkaSecurityProtocol().startsWith("SASL"),
                "the broker runs without authentication (ANAISS_KAFKA_SECURITY=plaintext): the ACLs cannot be proved; "
                        + "run the system tests against the SASL broker of deploy/local/infra.sh");
    }

    @Test
    void statsServiceIsDeniedReadingCaseEvents() {
        assertReadDenied("stats-service", "case-events");
    }

    @Test
    void statsServiceIsDeniedReadingOfferAccepted() {
        assertReadDenied("stats-service", "offer-accepted");
    }

    @Test
    void statsServiceIsDeniedWritingAnywhere() {
        for (String topic : List.of("stats-aggregates", "case-events", "offer-accepted", "case-events-dlq", "offer-accepted-dlq",
                "person-erasures", "erasure-confirmations")) {
            assertWriteDenied("stats-service", topic);
        }
    }

    @Test
    void statsServiceReadsStatsAggregatesOnlyWithItsOwnGroups() {
        try (KafkaConsumer<String, String> consumer = consumer("stats-service", "stats-service-acl-" + UUID.randomUUID())) {
            consumer.subscribe(List.of("stats-aggregates"));
            consumer.poll(Duration.ofSeconds(5));
            consumer.commitSync();
        }
        try (KafkaConsumer<String, String> consumer = consumer("stats-service", "someone-else-" + UUID.randomUUID())) {
            consumer.subscribe(List.of("stats-aggregates"));
            assertThatThrownBy(() -> pollUntilFailure(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void outreachServiceCannotWriteCaseEventsNorCaseServiceOfferAccepted() {
        assertWriteDenied("outreach-service", "case-events");
        assertWriteDenied("case-service", "offer-accepted");
        assertReadDenied("case-service", "stats-aggregates");
        assertReadDenied("outreach-service", "stats-aggregates");
    }

    @Test
    void erasuresFlowOneWayAndConfirmationsTheOther() {
        assertWriteDenied("outreach-service", "person-erasures");
        assertWriteDenied("case-service", "erasure-confirmations");
        assertReadDenied("stats-service", "person-erasures");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties p = client("stats-service", "not-the-password");
        p.put("group.id", "stats-service-acl-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("stats-aggregates"));
            assertThatThrownBy(() -> pollUntilFailure(consumer)).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void assertReadDenied(String principal, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, principal + "-acl-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(topic));
            assertThatThrownBy(() -> pollUntilFailure(consumer)).as(principal + " reading " + topic)
                    .isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics()).contains(topic));
        }
    }

    private static void assertWriteDenied(String principal, String topic) {
        Properties p = client(principal, principal + "-local-only");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("max.block.ms", "15000");
        p.put("delivery.timeout.ms", "15000");
        p.put("request.timeout.ms", "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "acl-test", "{}")).get())
                    .as(principal + " writing " + topic)
                    // a principal allowed no write at all is stopped before any topic, when its producer asks for an
                    // id; a send after that refusal fails with the producer's error state, caused by the refusal
                    .satisfies(e -> assertThat(authorizationFailure(e))
                            .isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class));
        }
    }

    /** The broker's refusal in the cause chain of a failed send, or the failure itself when there is none. */
    private static Throwable authorizationFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TopicAuthorizationException || t instanceof ClusterAuthorizationException) {
                return t;
            }
        }
        return e;
    }

    /** Polls for up to 30 s: a denial surfaces as an exception from poll, not as an empty result. */
    private static void pollUntilFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
        throw new AssertionError("the broker let the consumer poll for 30 s");
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Properties p = client(principal, principal + "-local-only");
        p.put("group.id", group);
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p);
    }

    /** A client authenticated as one service's principal (their local-only passwords, see acls.txt). */
    private static Properties client(String principal, String password) {
        Properties p = new Properties();
        p.put("bootstrap.servers", Env.kafkaBootstrap());
        p.put("security.protocol", Env.kafkaSecurityProtocol());
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password + "\";");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return p;
    }
}
