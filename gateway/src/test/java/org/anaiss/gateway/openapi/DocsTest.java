package org.anaiss.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;

import org.anaiss.gateway.support.EdgeProfile;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * The one OpenAPI document, fetched from the stand-in services (which serve the real services'
 * documents); stats-service is down in this profile, so it is listed as missing.
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class DocsTest {

    @Test
    void theMergedDocumentIsServedValidWithEveryOperationOfTheServicesThatAnswered() {
        Response response = given().when().get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonObject merged = new JsonObject(response.asString());
        assertThat(OpenApiMergerTest.parse(merged).getMessages()).isEmpty();
        Set<String> expected = new TreeSet<>(OpenApiMergerTest.operations(OpenApiMergerTest.document("case-service")));
        expected.addAll(OpenApiMergerTest.operations(OpenApiMergerTest.document("outreach-service")));
        assertThat(OpenApiMergerTest.operations(merged)).isEqualTo(expected);
        assertThat(merged.getJsonObject("info").getString("description")).contains("stats-service");
        assertThat(merged.getJsonArray("x-anaiss-services").stream().map(s -> ((JsonObject) s).getString("status")))
                .containsExactly("current", "current", "missing");
    }

    @Test
    void theDocumentIsAlsoAtTheUsualQuarkusPath() {
        given().when().get("/q/openapi").then().statusCode(200).body("openapi", org.hamcrest.Matchers.equalTo("3.1.0"));
    }

    @TestHTTPResource("/api/docs")
    URI docs;

    @Test
    void swaggerUiIsServedUnderApiWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(docs).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/api/docs/");
        given().when().get("/api/docs/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                .header("X-Frame-Options", "DENY")
                .body(containsString("docs.js"));
        given().when().get("/api/docs/docs.js").then().statusCode(200).body(containsString("/api/openapi.json"));
        given().when().get("/api/docs/swagger-ui-bundle.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/api/docs/nothing.js").then().statusCode(404);
    }

    @Test
    void theUiBundlesOwnCopiesAreNotServedAtTheRoot() {
        given().when().get("/openapi-ui/index.html").then().statusCode(404);
    }
}
