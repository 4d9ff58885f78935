package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The access matrix with real Keycloak tokens: every endpoint of case-service, every role, no
 * token. Cases belong to alice's team (RHONE_ALPES / RA-LYON). Outside one's scope the answer is
 * 404, so a case's existence is not revealed; a role that never reaches cases gets 403.
 */
@QuarkusTest
class CaseAccessTest {

    /** What an endpoint needs: a case worker in the case's team, a worker of the region, a team lead, or the DPO. */
    enum Scope { TEAM, REGION, ANY_WORKER, LEAD, DPO }

    record Endpoint(String name, String method, String path, Scope scope, int success) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("list cases", "GET", "/api/cases", Scope.ANY_WORKER, 200),
            new Endpoint("open case", "POST", "/api/cases", Scope.REGION, 201),
            new Endpoint("read case", "GET", "/api/cases/{case}", Scope.TEAM, 200),
            new Endpoint("read case file", "GET", "/api/cases/{case}/file", Scope.TEAM, 200),
            new Endpoint("change status", "POST", "/api/cases/{case}/status", Scope.TEAM, 200),
            new Endpoint("assign", "PUT", "/api/cases/{case}/assignment", Scope.LEAD, 200),
            new Endpoint("unassign", "DELETE", "/api/cases/{case}/assignment", Scope.LEAD, 200),
            new Endpoint("team members", "GET", "/api/cases/team/members", Scope.LEAD, 200),
            new Endpoint("list contacts", "GET", "/api/cases/{case}/contacts", Scope.TEAM, 200),
            new Endpoint("add contact", "POST", "/api/cases/{case}/contacts", Scope.TEAM, 201),
            new Endpoint("list plan", "GET", "/api/cases/{case}/plan-steps", Scope.TEAM, 200),
            new Endpoint("add plan step", "POST", "/api/cases/{case}/plan-steps", Scope.TEAM, 201),
            new Endpoint("update plan step", "PUT", "/api/cases/{case}/plan-steps/{step}", Scope.TEAM, 200),
            new Endpoint("list documents", "GET", "/api/cases/{case}/documents", Scope.TEAM, 200),
            new Endpoint("upload document", "POST", "/api/cases/{case}/documents", Scope.TEAM, 201),
            new Endpoint("download document", "GET", "/api/cases/{case}/documents/{document}", Scope.TEAM, 200),
            new Endpoint("register person", "POST", "/api/cases/persons", Scope.ANY_WORKER, 201),
            new Endpoint("search persons", "POST", "/api/cases/persons/search", Scope.ANY_WORKER, 200),
            new Endpoint("read person", "GET", "/api/cases/persons/{person}", Scope.REGION, 200),
            new Endpoint("rectify person", "PUT", "/api/cases/persons/{person}", Scope.REGION, 200),
            new Endpoint("audit of a case", "GET", "/api/cases/audit", Scope.DPO, 200),
            new Endpoint("audit verification", "GET", "/api/cases/audit/verification", Scope.DPO, 200));

    /** Who calls: a username, or null for no token, or "partner" for a partner system's client token. */
    static final List<String> CALLERS = List.of("alice", "chloe", "david", "emma", "gilles", "ines", "jules", "karim",
            "partner", "none");

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (String caller : CALLERS) {
                args.add(Arguments.of(e, caller));
            }
        }
        return args.stream();
    }

    static int expected(Endpoint e, String caller) {
        return switch (caller) {
            case "none" -> 401;
            case "gilles", "ines", "karim", "partner" -> 403;
            case "jules" -> e.scope() == Scope.DPO ? e.success() : 403;
            case "alice" -> e.scope() == Scope.LEAD || e.scope() == Scope.DPO ? 403 : e.success();
            case "chloe" -> e.scope() == Scope.DPO ? 403 : e.success();
            // same region, another team: persons yes, the team's cases no
            case "david" -> switch (e.scope()) {
                case LEAD, DPO -> 403;
                case TEAM -> 404;
                default -> e.success();
            };
            // another region: nothing of RHONE_ALPES exists for her
            case "emma" -> switch (e.scope()) {
                case LEAD, DPO -> 403;
                case TEAM, REGION -> 404;
                default -> e.success();
            };
            default -> throw new IllegalArgumentException(caller);
        };
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyWhatItsScopeAllows(Endpoint endpoint, String caller) {
        String personId = Fixtures.createPerson("alice");
        String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "AUTONOMY", "origin", "SELF", "assignedTo", "alice"))
                .post("/api/cases").then().log().ifValidationFails().statusCode(201).extract().path("id");
        String path = endpoint.path().replace("{case}", caseId).replace("{person}", personId);
        if (path.contains("{step}")) {
            path = path.replace("{step}", given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                    .body(Map.of("text", "Call the occupational physician")).post("/api/cases/" + caseId + "/plan-steps")
                    .then().statusCode(201).extract().<String>path("id"));
        }
        if (path.contains("{document}")) {
            path = path.replace("{document}", given().auth().oauth2(Tokens.user("alice")).contentType("application/pdf")
                    .body("%PDF-1.4 test".getBytes()).post("/api/cases/" + caseId + "/documents")
                    .then().statusCode(201).extract().<String>path("id"));
        }

        RequestSpecification request = given();
        if (caller.equals("partner")) {
            request.auth().oauth2(Tokens.partner());
        } else if (!caller.equals("none")) {
            request.auth().oauth2(Tokens.user(caller));
        }
        switch (endpoint.name()) {
            case "open case" -> request.contentType(ContentType.JSON)
                    .body(Map.of("personId", personId, "theme", "OTHER", "origin", "SELF"));
            case "change status" -> request.contentType(ContentType.JSON).body(Map.of("status", "ON_HOLD"));
            case "assign" -> request.contentType(ContentType.JSON).body(Map.of("assignee", "alice"));
            case "add contact" -> request.contentType(ContentType.JSON)
                    .body(Map.of("occurredAt", "2026-01-05T10:00:00Z", "mode", "PHONE", "notes", "Called."));
            case "add plan step" -> request.contentType(ContentType.JSON).body(Map.of("text", "Meet the employer"));
            case "update plan step" -> request.contentType(ContentType.JSON)
                    .body(Map.of("text", "Meet the employer", "status", "DONE", "version", 0));
            case "upload document" -> request.contentType("application/pdf").body("%PDF-1.4 x".getBytes());
            case "register person" -> request.contentType(ContentType.JSON).body(Fixtures.person());
            case "search persons" -> request.contentType(ContentType.JSON)
                    .body(Map.of("lastName", "Nobody", "birthDate", "1970-01-01"));
            case "rectify person" -> {
                Map<String, Object> p = Fixtures.person();
                request.contentType(ContentType.JSON).queryParam("version", 0).body(p);
            }
            case "audit of a case" -> request.queryParam("caseId", caseId);
            default -> {
            }
        }
        int expected = expected(endpoint, caller);
        var response = request.when().request(endpoint.method(), path).then().statusCode(expected);
        if (expected >= 400) {
            response.contentType("application/problem+json");
        }
    }
}
