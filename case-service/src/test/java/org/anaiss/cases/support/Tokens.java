package org.anaiss.cases.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm anaiss, demo users, password "demo"). */
public final class Tokens {

    private record Cached(String token, Instant expires) {
    }

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String keycloakUrl() {
        String url = System.getenv("ANAISS_KEYCLOAK_URL");
        return url == null || url.isBlank() ? "http://localhost:8180" : url;
    }

    public static String user(String username) {
        Cached c = CACHE.get(username);
        if (c != null && c.expires().isAfter(Instant.now().plusSeconds(30))) {
            return c.token();
        }
        var r = given().baseUri(keycloakUrl())
                .formParam("grant_type", "password").formParam("client_id", "anaiss-test")
                .formParam("username", username).formParam("password", "demo")
                .post("/realms/anaiss/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + username + ": " + r.statusCode());
        }
        String token = r.path("access_token");
        CACHE.put(username, new Cached(token, Instant.now().plusSeconds(r.<Integer>path("expires_in"))));
        return token;
    }

    public static String partner() {
        return given().baseUri(keycloakUrl())
                .formParam("grant_type", "client_credentials").formParam("client_id", "partner-cpam-rhone")
                .formParam("client_secret", "demo-partner-secret-cpam")
                .post("/realms/anaiss/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
    }
}
