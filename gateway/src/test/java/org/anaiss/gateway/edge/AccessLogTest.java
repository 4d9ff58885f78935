package org.anaiss.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.gateway.support.AccessLogCapture;
import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** One JSON line per API request, with what an investigation needs and nothing personal. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class AccessLogTest {

    private static final String NIR = "275066912345678";

    @Test
    void aRequestCarryingANirLeavesALineWithoutTheNirTheQueryOrTheName() {
        String requestId = "access-" + UUID.randomUUID();
        try (AccessLogCapture log = new AccessLogCapture()) {
            given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId)
                    .contentType("application/json")
                    .body("{\"lastName\":\"Dupont\",\"firstName\":\"Jeanne\",\"nir\":\"" + NIR + "\"}")
                    .when().post("/api/cases/persons/search?nir=" + NIR + "&name=Dupont")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.forRequest(requestId) != null);
            JsonObject line = log.forRequest(requestId);
            assertThat(line.getString("log")).isEqualTo("access");
            assertThat(line.getString("method")).isEqualTo("POST");
            assertThat(line.getString("route")).isEqualTo("/api/cases/persons/search");
            assertThat(line.getInteger("status")).isEqualTo(200);
            assertThat(line.getDouble("latencyMs")).isPositive();
            assertThat(line.getString("clientId")).isEqualTo("anaiss-test");
            assertThat(line.containsKey("subject")).isFalse();
            assertThat(line.getString("user")).as("the day's pseudonym of the subject").matches("[A-Za-z0-9_-]{22}");
            assertThat(line.getString("group")).isEqualTo("cases");
            assertThat(line.getString("upstream")).isEqualTo("case-service");
            assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
            assertThat(line.getString("time")).isNotBlank();
            String text = String.join("\n", log.lines());
            assertThat(text).doesNotContain(NIR).doesNotContain("Dupont").doesNotContain("Jeanne")
                    .doesNotContain("nir=").doesNotContain("alice").doesNotContain("Bearer");
        }
    }

    @Inject
    UserPseudonyms pseudonyms;

    @Test
    void oneUsersLinesShareAPseudonymWithinADayAndNotAcrossDaysAndNeverShowTheSubject() {
        String token = Tokens.user("alice");
        String subject = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString("sub");
        Instant monday = Instant.parse("2026-03-02T08:00:00Z");
        try (AccessLogCapture log = new AccessLogCapture()) {
            pseudonyms.clock(Clock.fixed(monday, ZoneOffset.UTC));
            String first = request(log, token);
            String sameDay = request(log, token);
            pseudonyms.clock(Clock.fixed(monday.plus(Duration.ofHours(15)), ZoneOffset.UTC)); // 23:00 UTC, same day
            String lateSameDay = request(log, token);
            pseudonyms.clock(Clock.fixed(monday.plus(Duration.ofDays(1)), ZoneOffset.UTC));
            String nextDay = request(log, token);
            String otherUserSameDay = request(log, Tokens.user("bruno"));
            assertThat(sameDay).isEqualTo(first);
            assertThat(lateSameDay).isEqualTo(first);
            assertThat(nextDay).isNotEqualTo(first);
            assertThat(otherUserSameDay).isNotEqualTo(nextDay);
            assertThat(String.join("\n", log.lines())).doesNotContain(subject).doesNotContain("alice");
        } finally {
            pseudonyms.clock(Clock.systemUTC());
        }
    }

    private static String request(AccessLogCapture log, String token) {
        String requestId = "access-" + UUID.randomUUID();
        given().auth().oauth2(token).header("X-Request-Id", requestId).contentType("application/json")
                .body("{\"lastName\":\"Martin\",\"birthDate\":\"1970-01-01\"}")
                .when().post("/api/cases/persons/search").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> log.forRequest(requestId) != null);
        return log.forRequest(requestId).getString("user");
    }

    @Test
    void idsAndLinkTokensAreReplacedByPlaceholders() {
        String requestId = "access-" + UUID.randomUUID();
        try (AccessLogCapture log = new AccessLogCapture()) {
            given().header("X-Request-Id", requestId).header("X-Forwarded-For", "198.51.100.200")
                    .when().get("/api/outreach/registrations/s3cr3t-l1nk-t0ken/calendar.ics")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.forRequest(requestId) != null);
            JsonObject line = log.forRequest(requestId);
            assertThat(line.getString("route")).isEqualTo("/api/outreach/registrations/{token}/calendar.ics");
            assertThat(line.containsKey("clientId")).isFalse();
            assertThat(line.encode()).doesNotContain("s3cr3t").doesNotContain("198.51.100.200");
        }
    }

    @Test
    void aPartnerSystemIsLoggedByItsClientIdAlone() {
        String requestId = "access-" + UUID.randomUUID();
        try (AccessLogCapture log = new AccessLogCapture()) {
            given().auth().oauth2(Tokens.partner()).header("X-Request-Id", requestId)
                    .when().get("/api/partners/signals/3f2b8c9e-1d4a-4b6f-9a0e-2c7d5e8f1a3b")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.forRequest(requestId) != null);
            JsonObject line = log.forRequest(requestId);
            assertThat(line.getString("clientId")).isEqualTo("partner-cpam-rhone");
            assertThat(line.containsKey("subject")).isFalse();
            assertThat(line.containsKey("user")).isFalse();
            assertThat(line.getString("route")).isEqualTo("/api/partners/signals/{id}");
        }
    }

    @Test
    void answersTheGatewayRefusesAreLoggedWithTheirOutcome() {
        String requestId = "access-" + UUID.randomUUID();
        try (AccessLogCapture log = new AccessLogCapture()) {
            given().header("X-Request-Id", requestId).when().get("/api/cases/7")
                    .then().statusCode(401);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.forRequest(requestId) != null);
            JsonObject line = log.forRequest(requestId);
            assertThat(line.getInteger("status")).isEqualTo(401);
            assertThat(line.getString("outcome")).isEqualTo("unauthenticated");
            assertThat(line.getString("route")).isEqualTo("/api/cases/{id}");
        }
    }
}
