package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.RestAssured;

/**
 * Real faults while a load generator keeps writing through the gateway: Kafka stopped for 30 s,
 * case-service killed with SIGKILL, PostgreSQL restarted, Keycloak stopped. After each, every
 * acknowledged write is in its database, every event reached its consumer exactly once in effect,
 * and nothing needed a manual step. Results are written to target/fault-tolerance.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    static Suite suite;

    @BeforeAll
    static void start() {
        suite = Suite.get();
        RestAssured.baseURI = suite.gatewayUrl();
    }

    @Test
    @Order(1)
    void kafkaStoppedForThirtySecondsLosesNothing() throws Exception {
        // fails, never skips: a fault that cannot be caused is a fault not proved
        assertTrue(Infra.startedByScripts("kafka"), "Kafka was not started by deploy/local: this test cannot stop it");
        try (LoadGenerator load = new LoadGenerator(suite.gatewayUrl(), 4)) {
            awaitAcknowledged(load, 20);
            Infra.down("kafka");
            long duringOutage = load.acknowledged.get();
            Thread.sleep(20_000);
            // every pod stays in its Service: readiness is the HTTP API and its database, never Kafka; the
            // broker's state is reported apart (health group kafka, 503 once the probe has seen it gone)
            for (Suite.Service service : Suite.Service.values()) {
                assertThat(status(suite.url(service) + "/q/health/ready")).as(service + " ready while Kafka is down").isEqualTo(200);
                assertThat(status(suite.url(service) + "/q/health/live")).as(service + " live while Kafka is down").isEqualTo(200);
            }
            for (Suite.Service service : Set.of(Suite.Service.CASES, Suite.Service.OUTREACH, Suite.Service.STATS)) {
                assertThat(status(suite.url(service) + "/q/health/group/kafka")).as(service + " reports Kafka down").isEqualTo(503);
            }
            Thread.sleep(10_000);
            assertThat(load.acknowledged.get()).as("writes go on while Kafka is down (they wait in the outboxes)")
                    .isGreaterThan(duringOutage);
            Infra.up("kafka");
            awaitAcknowledged(load, load.acknowledged.get() + 20);
            await().atMost(Duration.ofSeconds(60)).until(() -> status(suite.url(Suite.Service.CASES) + "/q/health/group/kafka") == 200);
            record("Kafka stopped 30 s", load);
            assertEverythingLanded(load);
        }
    }

    @Test
    @Order(2)
    void caseServiceKilledLosesNothingAcknowledged() throws Exception {
        try (LoadGenerator load = new LoadGenerator(suite.gatewayUrl(), 4)) {
            awaitAcknowledged(load, 20);
            suite.kill(Suite.Service.CASES);
            Thread.sleep(5_000);
            // the gateway answers for the missing service, quickly
            long t0 = System.nanoTime();
            given().auth().oauth2(Tokens.user("alice")).get("/api/cases").then().statusCode(503)
                    .contentType("application/problem+json");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            suite.start(Suite.Service.CASES);
            int casesBefore = load.cases.size();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> load.cases.size() >= casesBefore + 10);
            record("case-service killed (SIGKILL) and restarted", load);
            assertEverythingLanded(load);
        }
    }

    @Test
    @Order(3)
    void postgresRestartLosesNothingAcknowledged() throws Exception {
        assertTrue(Infra.startedByScripts("postgres") || Infra.canRestartSystemPostgres(),
                "no way to restart this machine's PostgreSQL from here");
        try (LoadGenerator load = new LoadGenerator(suite.gatewayUrl(), 4)) {
            awaitAcknowledged(load, 20);
            Infra.restartPostgres();
            // no manual step: the services reconnect by themselves
            awaitAcknowledged(load, load.acknowledged.get() + 30);
            record("PostgreSQL restarted", load);
            assertEverythingLanded(load);
        }
    }

    @Test
    @Order(4)
    void keycloakStoppedKeepsIssuedTokensWorkingAndRefusesNewLoginsCleanly() throws Exception {
        assertTrue(Infra.startedByScripts("keycloak"), "Keycloak was not started by deploy/local: this test cannot stop it");
        try (LoadGenerator load = new LoadGenerator(suite.gatewayUrl(), 4)) {
            awaitAcknowledged(load, 20);
            // taken before: the token cache may have to ask Keycloak for a new one, and it will be gone
            String alice = Tokens.user("alice");
            Infra.down("keycloak");
            try {
                long before = load.acknowledged.get();
                awaitAcknowledged(load, before + 20);
                // a new login fails at once, it does not hang
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(URI.create(Env.keycloakUrl() + "/realms/anaiss/protocol/openid-connect/token"))
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=anaiss-test&username=bruno&password=demo"))
                                .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(IOException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
                // a token the services cannot verify is refused quickly, not left hanging on the missing Keycloak
                String forged = alice.replaceFirst("^[^.]+", "eyJhbGciOiJSUzI1NiIsImtpZCI6InVua25vd24ta2lkIn0");
                long t1 = System.nanoTime();
                given().auth().oauth2(forged).get("/api/cases").then().statusCode(401);
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(10));
                record("Keycloak stopped", load);
            } finally {
                Infra.up("keycloak");
            }
            assertEverythingLanded(load);
        }
    }

    private static void awaitAcknowledged(LoadGenerator load, long atLeast) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> load.acknowledged.get() >= atLeast);
    }

    /** Every acknowledged write is stored; every case reached outreach-service; the statistics caught up. */
    private static void assertEverythingLanded(LoadGenerator load) throws Exception {
        Set<String> cases = Set.copyOf(load.cases);
        assertThat(missing("cases", "select id from support_case where id = any(?)", cases)).isEmpty();
        assertThat(missing("cases", "select id from contact where id = any(?)", load.contacts)).isEmpty();
        assertThat(missing("outreach", "select id from signal where id = any(?)", load.signals)).isEmpty();
        suite.explainTimeout(() -> await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> missing("outreach", "select case_id from known_case where case_id = any(?)", cases).isEmpty()),
                Suite.Service.OUTREACH, Suite.Service.CASES);
        // exactly once in effect: one known case per case (the key), one processed event per CaseOpened
        assertThat(count("outreach", "select count(*) from known_case where case_id = any(?)", cases)).isEqualTo(cases.size());

        // the statistics: every period case-service released is held by stats-service, as released
        // after a fault the gateway's circuit breaker lets calls through again by itself, after its delay
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                given().auth().oauth2(Tokens.user("karim")).post("/api/cases/admin/stats/export").statusCode() == 200);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, Long> released = versions("cases", "select snapshot_key, version from stats_export");
            Map<String, Long> held = versions("stats", "select snapshot_key, version from snapshot where producer = 'case-service'");
            return !released.isEmpty() && held.entrySet().containsAll(released.entrySet());
        });
    }

    static Map<String, Long> versions(String db, String sql) throws Exception {
        Map<String, Long> versions = new java.util.HashMap<>();
        try (Connection c = Db.superuser(db); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        return versions;
    }

    static Set<String> missing(String db, String sql, Collection<String> acknowledged) throws Exception {
        // the load goes on: compare against the writes acknowledged before the query, not after
        Set<String> ids = Set.copyOf(acknowledged);
        Set<String> found = new HashSet<>();
        try (Connection c = Db.superuser(db); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        Set<String> absent = new HashSet<>(ids);
        absent.removeAll(found);
        return absent;
    }

    static long count(String db, String sql, Collection<String> ids) throws Exception {
        try (Connection c = Db.superuser(db); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void record(String fault, LoadGenerator load) throws IOException {
        java.nio.file.Path out = Infra.root().resolve("system-tests/target/fault-tolerance.txt");
        java.nio.file.Files.writeString(out, String.format("%s: %d writes acknowledged (%d cases, %d contacts, %d signals), %d refused or failed during the fault%n",
                fault, load.acknowledged.get(), load.cases.size(), load.contacts.size(), load.signals.size(), load.failures.get()),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
