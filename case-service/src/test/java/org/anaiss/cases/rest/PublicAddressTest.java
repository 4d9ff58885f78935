package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Behind the gateway a Location names the address the client used, taken from the gateway's forwarded
 * headers (the test client connects from 127.0.0.1, the trusted address of the local configuration).
 * The gateway side: system-tests GatewayAccessIT.aCaseOpenedThroughTheGatewayIsLocatedOnTheGateway.
 */
@QuarkusTest
class PublicAddressTest {

    private static Response open(Map<String, String> headers) {
        String personId = Fixtures.createPerson("alice");
        Response r = given().auth().oauth2(Tokens.user("alice")).headers(headers).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases");
        assertThat(r.statusCode()).isEqualTo(201);
        return r;
    }

    @Test
    void theLocationOfANewCaseIsOnTheForwardedHostAndScheme() {
        Response r = open(Map.of("X-Forwarded-Host", "anaiss.example.org", "X-Forwarded-Proto", "https"));
        assertThat(r.header("Location")).isEqualTo("https://anaiss.example.org/api/cases/" + r.path("id"));
    }

    @Test
    void withoutForwardedHeadersTheLocationIsOnTheServiceItself() {
        Response r = open(Map.of());
        assertThat(r.header("Location")).matches("http://localhost:\\d+/api/cases/" + r.path("id"));
    }
}
