package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.response.Response;

/**
 * A second gateway, from the same packaged jar, with limits small enough to reach in a test and a
 * CORS allow-list, in front of the suite's real services: rate limits, CORS, and what a client gets
 * when a service is slow (its process frozen) or stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayResilienceIT {

    private static final String ALLOWED_ORIGIN = "https://app.anaiss.example";
    private static Process gateway;
    private static String url;

    @BeforeAll
    static void startOwnGateway() throws Exception {
        Suite suite = Suite.get();
        Path root = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        Path log = root.resolve("system-tests/target/suite-logs/gateway-resilience.log");
        Files.createDirectories(log.getParent());
        int port = suite.port(Suite.Service.GATEWAY) + 4;
        url = "http://localhost:" + port;
        List<String> command = new ArrayList<>(List.of("java", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-Danaiss.gateway.groups.cases.rate-limit.burst=5",
                "-Danaiss.gateway.groups.cases.rate-limit.per-second=1",
                "-Danaiss.gateway.groups.stats.response-timeout=2s",
                "-Danaiss.gateway.circuit-breaker.open-duration=2s",
                "-Danaiss.gateway.cors.allowed-origins=" + ALLOWED_ORIGIN,
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.putAll(Env.common());
        env.put("ANAISS_GATEWAY_PORT", String.valueOf(port));
        env.put("ANAISS_CASE_URL", suite.url(Suite.Service.CASES));
        env.put("ANAISS_OUTREACH_URL", suite.url(Suite.Service.OUTREACH));
        env.put("ANAISS_STATS_URL", suite.url(Suite.Service.STATS));
        gateway = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("gateway exited during start; see " + log).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the second gateway was not ready within 120 s; see " + log);
    }

    @AfterAll
    static void stopOwnGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void overTheLimitAClientGets429WithRetryAfterAndIsServedAgainAfterIt() throws InterruptedException {
        String token = Tokens.user("alice");
        Response refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            Response r = given().baseUri(url).auth().oauth2(token).get("/api/cases?size=1");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("a 429 within 30 quick requests (burst 5, 1 per second)").isNotNull();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("type")).isEqualTo("https://anaiss.example/problems/rate-limited");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        // the limit is per client: another user is served meanwhile
        given().baseUri(url).auth().oauth2(Tokens.user("chloe")).get("/api/cases?size=1").then().statusCode(200);
        Thread.sleep(retryAfter * 1000);
        given().baseUri(url).auth().oauth2(token).get("/api/cases?size=1").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aCorsPreflightFromTheAllowedOriginPassesAndFromAnotherFails() {
        given().baseUri(url).header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/cases")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        given().baseUri(url).header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/api/cases")
                .then().statusCode(403)
                .contentType("application/problem+json");
        // and the suite's gateway, with no origin configured, refuses every cross-origin preflight
        given().baseUri(Suite.get().gatewayUrl()).header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "GET")
                .options("/api/cases")
                .then().statusCode(403);
    }

    @Test
    @Order(3)
    void aSlowServiceGives504WithinTheResponseTimeout() throws Exception {
        long pid = statsServicePid();
        signal("STOP", pid);
        try {
            long start = System.nanoTime();
            Response response = given().baseUri(url).auth().oauth2(Tokens.user("ines")).get("/api/stats/tables");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.<String>path("type")).isEqualTo("https://anaiss.example/problems/upstream-timeout");
            assertThat(millis).as("2 s response timeout").isBetween(1_900L, 8_000L);
        } finally {
            signal("CONT", pid);
        }
    }

    @Test
    @Order(4)
    void aStoppedServiceGives503ProblemWithinTheTimeout() {
        Suite suite = Suite.get();
        suite.stop(Suite.Service.STATS);
        try {
            long start = System.nanoTime();
            Response response = given().baseUri(url).auth().oauth2(Tokens.user("ines")).get("/api/stats/tables");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.<String>path("detail")).contains("stats-service");
            assertThat(millis).as("well within the 2 s connect timeout").isLessThan(2_000);
        } finally {
            suite.start(Suite.Service.STATS);
        }
        // and once it is back, the breaker lets calls through again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                given().baseUri(url).auth().oauth2(Tokens.user("ines")).get("/api/stats/tables").statusCode() == 200);
    }

    /** The stats-service that the suite started, a child of this JVM. */
    private static long statsServicePid() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("stats-service/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the suite's stats-service is not running"))
                .pid();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
