package org.anaiss.gateway.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.Tokens;
import org.anaiss.gateway.support.Upstreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A service that is down (stats-service: nothing listens on its port), slow or failing: the client
 * always gets a problem quickly, never a hung connection.
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class ResilienceTest {

    @AfterEach
    void healthyCallResetsTheCaseServiceBreaker() {
        given().auth().oauth2(Tokens.user("alice")).when().get("/api/cases/healthy").then().statusCode(200);
    }

    @Test
    void aStoppedServiceGives503ProblemAtOnceThenTheBreakerAnswersWithoutCalling() {
        String token = Tokens.user("ines");
        long start = System.nanoTime();
        Response first = given().auth().oauth2(token).when().get("/api/stats/tables");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(first.<String>path("type")).isEqualTo("https://anaiss.example/problems/upstream-unavailable");
        assertThat(first.<String>path("detail")).contains("stats-service");
        assertThat(millis).as("answered well within the connect timeout").isLessThan(1_000);
        // a few more failures open the breaker: 503 with Retry-After, without trying the service
        await().atMost(Duration.ofSeconds(5)).until(() -> given().auth().oauth2(token).when().get("/api/stats/tables")
                .header("Retry-After") != null);
        Response open = given().auth().oauth2(token).when().get("/api/stats/tables");
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(open.header("Retry-After"))).isBetween(1L, 2L);
    }

    @Test
    void aSlowServiceGives504WithinTheResponseTimeout() {
        long start = System.nanoTime();
        given().auth().oauth2(Tokens.user("alice")).when().get("/api/cases/timeouts/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/upstream-timeout"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // 1 s response timeout in this profile; the stub would answer after 3 s
        assertThat(millis).isBetween(900L, 2_500L);
    }

    @Test
    void aGetThatMeetsA503IsRetriedOnceAndSucceeds() {
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(Tokens.user("alice")).header("X-Test-Key", key)
                .when().get("/api/cases/retries/flaky")
                .then().statusCode(200).body("attempt", equalTo(2));
    }

    @Test
    void aPostIsNeverRetried() {
        long before = Upstreams.cases().countPath("/api/cases/retries/unavailable");
        given().auth().oauth2(Tokens.user("alice")).contentType("application/json").body("{}")
                .when().post("/api/cases/retries/unavailable")
                .then().statusCode(503);
        assertThat(Upstreams.cases().countPath("/api/cases/retries/unavailable")).isEqualTo(before + 1);
    }

    @Test
    void aGetThatKeepsMeeting503IsRetriedABoundedNumberOfTimes() {
        long before = Upstreams.cases().countPath("/api/cases/retries/unavailable");
        given().auth().oauth2(Tokens.user("alice"))
                .when().get("/api/cases/retries/unavailable")
                .then().statusCode(503);
        assertThat(Upstreams.cases().countPath("/api/cases/retries/unavailable")).isEqualTo(before + 2);
    }
}
