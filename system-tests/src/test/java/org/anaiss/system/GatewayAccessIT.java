package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/** Through the gateway, with real Keycloak tokens: who gets in, who does not, and how they are told. */
class GatewayAccessIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void socialWorkerListsTheCasesOfTheirTeam() {
        given().auth().oauth2(Tokens.user("alice"))
                .when().get("/api/cases")
                .then().statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("page", equalTo(0));
    }

    @Test
    void requestWithoutTokenIsRefusedAtTheEdgeWithProblemJson() {
        given().when().get("/api/cases")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void forgedTokenIsRefusedAtTheEdge() {
        String token = Tokens.user("alice");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged)
                .when().get("/api/cases")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void statisticianCannotReachCases() {
        given().auth().oauth2(Tokens.user("ines"))
                .when().get("/api/cases")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void partnerSystemReachesItsOwnEndpointWithClientCredentials() {
        given().auth().oauth2(Tokens.client(Tokens.PARTNER_CPAM, Tokens.PARTNER_CPAM_SECRET))
                .when().get("/api/partners/whoami")
                .then().statusCode(200)
                .body("clientId", equalTo(Tokens.PARTNER_CPAM))
                .body("roles", hasItem("signal-sender"));
    }

    @Test
    void aCaseOpenedThroughTheGatewayIsLocatedOnTheGateway() {
        // the service builds Location from the gateway's X-Forwarded-Host/-Proto; a client's own prefix is dropped
        String personId = StaffApp.person("alice", Fixtures.uniqueLastName(), Fixtures.birthDate());
        var response = given().auth().oauth2(Tokens.user("alice")).contentType("application/json")
                .header("X-Forwarded-Prefix", "/elsewhere")
                .body(java.util.Map.of("personId", personId, "theme", "ACCESS_TO_CARE", "origin", "SELF"))
                .when().post("/api/cases")
                .then().statusCode(201).extract();
        String gateway = Suite.get().gatewayUrl().replaceAll("/$", "");
        org.assertj.core.api.Assertions.assertThat(response.header("Location"))
                .isEqualTo(gateway + "/api/cases/" + response.path("id"));
    }

    @Test
    void clientRequestIdIsKeptEndToEnd() {
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", "trace-me-12345")
                .when().get("/api/cases/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .header("X-Request-Id", equalTo("trace-me-12345"))
                .body("requestId", equalTo("trace-me-12345"));
    }
}
