package org.anaiss.cases.dpo;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every DPO endpoint is refused to every other role (403) and to anonymous callers (401). */
@QuarkusTest
class DpoAccessTest {

    static final String SOME_ID = "00000000-0000-0000-0000-000000000001";

    record Endpoint(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/cases/dpo/persons/search", Map.of("lastName", "X", "birthDate", "1970-01-01")),
            new Endpoint("GET", "/api/cases/dpo/persons/" + SOME_ID + "/export", null),
            new Endpoint("DELETE", "/api/cases/dpo/persons/" + SOME_ID, null),
            new Endpoint("POST", "/api/cases/dpo/persons/" + SOME_ID + "/objection", null),
            new Endpoint("PUT", "/api/cases/dpo/cases/" + SOME_ID + "/legal-hold", Map.of("hold", true)),
            new Endpoint("GET", "/api/cases/dpo/archive/" + SOME_ID, null),
            new Endpoint("GET", "/api/cases/dpo/retention/preview", null),
            new Endpoint("POST", "/api/cases/dpo/retention/runs", null),
            new Endpoint("POST", "/api/cases/dpo/requests", Map.of("kind", "ACCESS", "channel", "LETTER", "receivedAt", "2026-01-01T00:00:00Z")),
            new Endpoint("GET", "/api/cases/dpo/requests", null),
            new Endpoint("PUT", "/api/cases/dpo/requests/" + SOME_ID, Map.of("status", "ANSWERED", "version", 0)),
            new Endpoint("GET", "/api/cases/dpo/erasures?personId=" + SOME_ID, null),
            new Endpoint("GET", "/api/cases/dpo/erasures/" + SOME_ID, null),
            new Endpoint("GET", "/api/cases/audit?caseId=" + SOME_ID, null),
            new Endpoint("GET", "/api/cases/audit/verification", null),
            new Endpoint("POST", "/api/cases/audit/verifications", Map.of()),
            new Endpoint("GET", "/api/cases/audit/verifications", null),
            new Endpoint("GET", "/api/cases/audit/verifications/" + SOME_ID, null));

    static Stream<Arguments> refusals() {
        List<Arguments> args = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (String user : List.of("alice", "chloe", "gilles", "ines", "karim", "none")) {
                args.add(Arguments.of(e, user));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("refusals")
    void onlyTheDpoReachesDpoEndpoints(Endpoint endpoint, String user) {
        RequestSpecification request = given();
        if (!user.equals("none")) {
            request.auth().oauth2(Tokens.user(user));
        }
        if (endpoint.body() != null) {
            request.contentType("application/json").body(endpoint.body());
        }
        request.when().request(endpoint.method(), endpoint.path())
                .then().statusCode(user.equals("none") ? 401 : 403).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "dpo -> {0}")
    @MethodSource("endpoints")
    void theDpoIsNotRefused(Endpoint endpoint) {
        RequestSpecification request = given().auth().oauth2(Tokens.user("jules"));
        if (endpoint.body() != null) {
            request.contentType("application/json").body(endpoint.body());
        }
        // an unknown id is 404, a run is 200: never 401 or 403
        int status = request.when().request(endpoint.method(), endpoint.path()).then().extract().statusCode();
        org.assertj.core.api.Assertions.assertThat(status).isNotIn(401, 403);
    }

    static Stream<Endpoint> endpoints() {
        // the retention run and the verification job are exercised on isolated databases (RetentionTest,
        // AuditVerificationJobTest), not on the shared one
        return ENDPOINTS.stream().filter(e -> !e.path().endsWith("/retention/runs")
                && !(e.method().equals("POST") && e.path().endsWith("/audit/verifications")));
    }

    @org.junit.jupiter.api.Test
    void theRegisterIsServedToTheDpoAndAdminsOnly() {
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/register").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/markdown"))
                .body(org.hamcrest.Matchers.containsString("Register of processing activities"));
        given().auth().oauth2(Tokens.user("karim")).get("/api/cases/dpo/register").then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/dpo/register").then().statusCode(403);
    }
}
