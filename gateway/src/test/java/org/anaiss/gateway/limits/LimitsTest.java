package org.anaiss.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.RawHttp;
import org.anaiss.gateway.support.Tokens;
import org.anaiss.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** Rates and body sizes, with the small limits of {@link EdgeProfile}. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class LimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void overTheLimitAClientGets429WithRetryAfterAndIsServedAgainAfterIt() throws InterruptedException {
        String token = Tokens.user("karim");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/api/outreach/rate").then().statusCode(200);
        }
        Response refused = given().auth().oauth2(token).when().get("/api/outreach/rate");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("type")).isEqualTo("https://anaiss.example/problems/rate-limited");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        // another client is not affected
        given().auth().oauth2(Tokens.user("gilles")).when().get("/api/outreach/rate").then().statusCode(200);
        Thread.sleep(retryAfter * 1000);
        given().auth().oauth2(token).when().get("/api/outreach/rate").then().statusCode(200);
    }

    @Test
    void publicLinksAreLimitedPerClientAddress() {
        for (int i = 0; i < 2; i++) {
            given().header("X-Forwarded-For", "192.0.2.10").when().get("/api/outreach/registrations/tok-" + i)
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", "192.0.2.10").when().get("/api/outreach/registrations/tok-x")
                .then().statusCode(429).header("Retry-After", "1");
        given().header("X-Forwarded-For", "192.0.2.11").when().get("/api/outreach/registrations/tok-y")
                .then().statusCode(200);
    }

    @Test
    void aDeclaredOversizedBodyGets413BeforeItIsSentAndNeverReachesTheService() throws Exception {
        String path = "/api/cases/size-test/contacts";
        RawHttp.Answer answer = RawHttp.postWithLength(base, path, Tokens.user("alice"), 100 * 1024, true);
        assertThat(answer.status()).as("final answer instead of 100 Continue").isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(new JsonObject(answer.body()).getString("detail")).contains("64 KiB");
        assertThat(answer.closedAfter()).as("the unsent body cannot be left on a reused connection").isTrue();
        assertThat(Upstreams.cases().countPath(path)).isZero();
    }

    @Test
    void aDeclaredOversizedBodySentAnywayIsDroppedAndTheAnswerStillArrives() throws Exception {
        String path = "/api/cases/size-test/contacts";
        RawHttp.Answer answer = RawHttp.postWithLength(base, path, Tokens.user("alice"), 100 * 1024, false);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.closedAfter()).isTrue();
        assertThat(Upstreams.cases().countPath(path)).isZero();
    }

    @Test
    void aStreamedBodyThatGrowsPastTheLimitIsCutAndTheServiceNeverGetsItWhole() throws Exception {
        String path = "/api/cases/size-test/plan-steps";
        int abortedBefore = Upstreams.cases().aborted();
        RawHttp.Answer answer = RawHttp.postChunked(base, path, Tokens.user("alice"), 200 * 1024);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(Upstreams.cases().countPath(path)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> Upstreams.cases().aborted() > abortedBefore);
    }

    @Test
    void uploadsMayBeLargerThanOtherCallsUpToTheirOwnLimit() throws Exception {
        String path = "/api/cases/3f2b8c9e-1d4a-4b6f-9a0e-2c7d5e8f1a3b/documents";
        RawHttp.Answer accepted = RawHttp.postWithLength(base, path, Tokens.user("alice"), 200 * 1024, true);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(new JsonObject(accepted.body()).getLong("bodyBytes")).isEqualTo(200 * 1024);
        RawHttp.Answer refused = RawHttp.postWithLength(base, path, Tokens.user("alice"), 300 * 1024, true);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(Upstreams.cases().countPath(path)).isEqualTo(1);
    }

    @Test
    void aStreamedBodyUnderTheLimitIsForwardedWhole() throws Exception {
        RawHttp.Answer answer = RawHttp.postChunked(base, "/api/cases/size-test/notes", Tokens.user("alice"), 40 * 1024);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new JsonObject(answer.body()).getLong("bodyBytes")).isEqualTo(40 * 1024);
    }

    @Test
    void aBodyAtTheLimitPasses() {
        given().auth().oauth2(Tokens.user("alice")).contentType("application/octet-stream").body(new byte[64 * 1024])
                .when().post("/api/cases/size-test/exact").then().statusCode(200).body("bodyBytes", equalTo(64 * 1024));
    }

}
