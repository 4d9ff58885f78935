package org.anaiss.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

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
            assertThat(line.getString("subject")).matches("[0-9a-f-]{36}");
            assertThat(line.getString("group")).isEqualTo("cases");
            assertThat(line.getString("upstream")).isEqualTo("case-service");
            assertThat(line.getString("traceId")).matches("[0-9a-f]{32}");
            assertThat(line.getString("time")).isNotBlank();
            String text = String.join("\n", log.lines());
            assertThat(text).doesNotContain(NIR).doesNotContain("Dupont").doesNotContain("Jeanne")
                    .doesNotContain("nir=").doesNotContain("alice").doesNotContain("Bearer");
        }
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
