package org.anaiss.cases.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.IsolatedDatabase;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.PrivateKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The transactional outbox across a broker outage: an event written while Kafka is stopped waits in
 * the outbox and is delivered once Kafka is back. Uses a private broker so the shared one stays up.
 */
@QuarkusTest
@TestProfile(OutboxDeliveryTest.WithPrivateKafka.class)
class OutboxDeliveryTest {

    public static class WithPrivateKafka implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            // its own database too: no other case-service instance may relay this test's outbox
            return List.of(new TestResourceEntry(PrivateKafka.class), new TestResourceEntry(IsolatedDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anaiss.cases.outbox.send-timeout", "5s");
        }
    }

    @Test
    void eventWrittenWhileKafkaIsStoppedIsDeliveredWhenItComesBack() throws Exception {
        PrivateKafka.stopBroker();
        String caseId;
        try {
            caseId = Fixtures.createCase("alice");
            Thread.sleep(3000);
            assertThat(count("select count(*) from outbox_event where record_key = ? and sent_at is null", caseId))
                    .as("the event waits in the outbox while the broker is down").isEqualTo(1);
        } finally {
            PrivateKafka.startBroker();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from outbox_event where record_key = ? and sent_at is not null", caseId) == 1);
        try (KafkaConsumer<String, String> consumer = fromStart(PrivateKafka.bootstrap())) {
            List<ConsumerRecord<String, String>> delivered = Kafka.await(consumer, r -> caseId.equals(r.key()), 1,
                    Duration.ofSeconds(30));
            assertThat(delivered).isNotEmpty();
            assertThat(delivered.get(0).value()).contains("org.anaiss.case.CaseOpened.v1");
        }
    }

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "anaiss.test.database")
    String database;

    private long count(String sql, String key) throws java.sql.SQLException {
        try (var c = IsolatedDatabase.superuser(database); var ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static KafkaConsumer<String, String> fromStart(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "outbox-test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
        c.subscribe(List.of("case-events"));
        return c;
    }
}
