package org.anaiss.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.StubService;
import org.anaiss.gateway.support.Tokens;
import org.anaiss.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Forwarding with real Keycloak tokens to a stand-in case-service: what goes through, what is added, what is kept out. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class ForwardingTest {

    @Test
    void aRequestWithAValidTokenReachesTheServiceWithItsBodyAndARequestId() {
        String requestId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body("{\"note\":\"hello\"}")
                .when().post("/api/cases/forward-test/contacts?page=1")
                .then().statusCode(200)
                .body("bodyBytes", equalTo(16))
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        StubService.Received received = Upstreams.cases().byRequestId(requestId);
        assertThat(received).isNotNull();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.query()).isEqualTo("page=1");
        assertThat(received.header("Authorization")).startsWith("Bearer ");
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
    }

    @Test
    void withoutTokenTheEdgeAnswers401AndTheServiceIsNotCalled() {
        long before = Upstreams.cases().countPath("/api/cases/no-token");
        given().when().get("/api/cases/no-token")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"anaiss\"")
                .body("type", equalTo("https://anaiss.example/problems/unauthenticated"));
        assertThat(Upstreams.cases().countPath("/api/cases/no-token")).isEqualTo(before);
    }

    @Test
    void aForgedTokenIsRefusedAtTheEdgeWithProblemJson() {
        String token = Tokens.user("alice");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().get("/api/cases/forged")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/invalid-token"))
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        assertThat(Upstreams.cases().countPath("/api/cases/forged")).isZero();
    }

    @Test
    void aClientsPlainRequestIdIsKeptAndAnUnsafeOneReplaced() {
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", "client-chosen-0001")
                .when().get("/api/cases/request-id")
                .then().statusCode(200).header("X-Request-Id", "client-chosen-0001");
        assertThat(Upstreams.cases().byRequestId("client-chosen-0001")).isNotNull();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", "bad id with spaces {}")
                .when().get("/api/cases/request-id")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void theServiceGetsATraceparentOfTheSameTraceWithTheGatewayAsParent() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String requestId = "trace-kept-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId)
                .header("traceparent", incoming).header("tracestate", "congo=t61rcWkgMzE")
                .when().get("/api/cases/trace")
                .then().statusCode(200)
                // nothing of the trace is echoed to the client
                .header("traceparent", nullValue());
        StubService.Received received = Upstreams.cases().byRequestId(requestId);
        assertThat(received.header("traceparent")).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(incoming);
        assertThat(received.header("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    }

    @Test
    void withoutTraceparentTheGatewayStartsATrace() {
        String requestId = "trace-new-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId)
                .when().get("/api/cases/trace").then().statusCode(200);
        assertThat(Upstreams.cases().byRequestId(requestId).header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void hopByHopHeadersAndHeadersNamedInConnectionAreNotForwardedAndForwardedForIsTheGatewaysOwn() {
        String requestId = "hop-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId)
                .header("Connection", "keep-alive, X-Private-Hop").header("X-Private-Hop", "secret")
                .header("X-End-To-End", "kept").header("Forwarded", "for=1.2.3.4")
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.5")
                .when().get("/api/cases/headers").then().statusCode(200);
        StubService.Received received = Upstreams.cases().byRequestId(requestId);
        assertThat(received.header("X-Private-Hop")).isNull();
        assertThat(received.header("Forwarded")).isNull();
        assertThat(received.header("X-End-To-End")).isEqualTo("kept");
        // one trusted proxy in this profile: the address it appended, not the client's claim
        assertThat(received.header("X-Forwarded-For")).isEqualTo("203.0.113.5");
    }

    @Test
    void theServiceGetsThePublicHostAndNoForwardedHeaderAClientChose() {
        // the services build Location from these (quarkus.http.proxy.*) and trust the gateway alone
        String requestId = "fwd-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId)
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Prefix", "/elsewhere")
                .header("X-Forwarded-Ssl", "on").header("X-Forwarded-Server", "evil.example")
                .when().get("/api/cases/headers").then().statusCode(200);
        StubService.Received received = Upstreams.cases().byRequestId(requestId);
        assertThat(received.header("X-Forwarded-Host")).isNotEqualTo("evil.example").matches("localhost:\\d+");
        assertThat(received.header("X-Forwarded-Prefix")).isNull();
        assertThat(received.header("X-Forwarded-Ssl")).isNull();
        assertThat(received.header("X-Forwarded-Server")).isNull();
    }

    @Test
    void answersCarrySecurityHeadersNoStoreAndNoCorsGrantOfTheService() {
        given().auth().oauth2(Tokens.user("alice"))
                .when().get("/api/cases/headers")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void hstsIsSentWhenTheTrustedProxySaysTheClientCameOverTls() {
        given().auth().oauth2(Tokens.user("alice")).header("X-Forwarded-Proto", "https")
                .when().get("/api/cases/headers")
                .then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void aPublicLinkIsForwardedWithoutToken() {
        given().header("X-Forwarded-For", "198.51.100.77")
                .when().get("/api/outreach/answers/single-use-token-123")
                .then().statusCode(200).body("path", equalTo("/api/outreach/answers/single-use-token-123"));
    }

    @Test
    void anUnknownApiPathIsAProblemNotAnHtmlPage() {
        given().auth().oauth2(Tokens.user("alice"))
                .when().get("/api/nothing-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void aPartnerSystemIsForwardedToOutreach() {
        given().auth().oauth2(Tokens.partner())
                .when().get("/api/partners/whoami")
                .then().statusCode(200).body("path", equalTo("/api/partners/whoami"));
    }
}
