package org.anaiss.cases.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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
            return Map.of("anaiss.cases.outbox.send-timeout", "5s", "anaiss.kafka.probe.interval", "1s",
                    "anaiss.metrics.sample-interval", "1s");
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
            // the pod stays in its Service: readiness is the API and its database; Kafka's state is reported apart
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                given().get("/q/health/group/kafka").then().statusCode(503).body("checks[0].name", equalTo("Kafka broker"));
                assertThat(metric("anaiss_kafka_broker_reachable")).isEqualTo(0.0);
            });
            // the backlog is visible, and its age grows while the relay is stuck
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric("anaiss_outbox_pending_events")).isGreaterThanOrEqualTo(1));
            double age = metric("anaiss_outbox_oldest_age_seconds");
            assertThat(age).isGreaterThanOrEqualTo(2);
            Thread.sleep(1500);
            assertThat(metric("anaiss_outbox_oldest_age_seconds")).isGreaterThan(age);
        } finally {
            PrivateKafka.startBroker();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from outbox_event where record_key = ? and sent_at is not null", caseId) == 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            given().get("/q/health/group/kafka").then().statusCode(200);
            assertThat(metric("anaiss_kafka_broker_reachable")).isEqualTo(1.0);
            assertThat(metric("anaiss_outbox_oldest_age_seconds")).as("nothing left behind").isLessThan(60);
        });
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

    /** The value of an unlabelled series in /q/metrics. */
    static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in /q/metrics"));
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
