package org.anaiss.outreach.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.outreach.support.Db;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A stuck outbox: the broker cannot be reached (nothing listens at the configured address), so an event
 * written to the outbox stays there, and /q/metrics shows it: the pending count includes it and the age of
 * the oldest pending event keeps growing, which is what the AnaissOutboxStuck alert reads. The pod stays ready.
 */
@QuarkusTest
@TestProfile(StuckOutboxTest.UnreachableKafka.class)
class StuckOutboxTest {

    public static class UnreachableKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + freePort(),
                    "anaiss.metrics.sample-interval", "1s",
                    "anaiss.kafka.probe.interval", "1s");
        }
    }

    @Test
    void anEventThatCannotReachTheBrokerStaysPendingAndItsAgeGrows() throws Exception {
        UUID id = UUID.randomUUID();
        // written a minute ago, as an event stuck since then would be
        Instant written = Instant.now().minusSeconds(60);
        try {
            try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement(
                    "insert into outbox_event (id, topic, record_key, type, payload, created_at) values (?, 'stats-aggregates', ?, "
                            + "'org.anaiss.test.stuck', '{}', ?)")) {
                ps.setObject(1, id);
                ps.setString(2, "stuck-" + id);
                ps.setTimestamp(3, Timestamp.from(written));
                ps.executeUpdate();
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(metric("anaiss_outbox_pending_events")).isGreaterThanOrEqualTo(1);
                assertThat(metric("anaiss_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(60);
            });
            double firstAge = metric("anaiss_outbox_oldest_age_seconds");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(metric("anaiss_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(firstAge + 2));
            assertThat(Db.count("select count(*) from outbox_event where id = ? and sent_at is null", id)).as("still pending").isEqualTo(1);
            assertThat(metric("anaiss_outbox_pending_events")).isGreaterThanOrEqualTo(1);
            // the pod stays in its Service; the broker's state is reported apart
            given().get("/q/health/ready").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/kafka").then().statusCode(503));
        } finally {
            // never left for a later run with a real broker
            try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement("delete from outbox_event where id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        }
    }

    /** The value of an unlabelled series in /q/metrics. */
    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> lines = text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).toList();
        assertThat(lines).as(name + " in /q/metrics").isNotEmpty();
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
