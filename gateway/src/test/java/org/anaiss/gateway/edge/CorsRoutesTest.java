package org.anaiss.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Browsers' cross-origin calls: allowed for the configured origin only. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class CorsRoutesTest {

    @Test
    void aPreflightFromTheAllowedOriginPassesWithoutToken() {
        given().header("Origin", EdgeProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .when().options("/api/cases")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", EdgeProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", "600")
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .when().options("/api/cases")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/cors-refused"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aPreflightAskingForAnUnlistedHeaderIsRefused() {
        given().header("Origin", EdgeProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-not-allowed")
                .when().options("/api/cases")
                .then().statusCode(403);
    }

    @Test
    void anAnswerToTheAllowedOriginCarriesTheGrantAndExposedHeadersEvenA401() {
        given().header("Origin", EdgeProfile.ALLOWED_ORIGIN).auth().oauth2(Tokens.user("alice"))
                .when().get("/api/cases/cors")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", EdgeProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        given().header("Origin", EdgeProfile.ALLOWED_ORIGIN)
                .when().get("/api/cases/cors")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", EdgeProfile.ALLOWED_ORIGIN);
    }

    @Test
    void anAnswerToAnotherOriginCarriesNoGrant() {
        given().header("Origin", "https://evil.example").auth().oauth2(Tokens.user("alice"))
                .when().get("/api/cases/cors")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
