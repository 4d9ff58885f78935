package org.anaiss.stats.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm anaiss, test client, demo-only passwords). */
public final class Tokens {

    public static final String STATISTICIAN = "ines";
    public static final String ADMIN = "karim";
    public static final String SOCIAL_WORKER = "alice";
    public static final String DPO = "jules";

    private record Cached(String token, Instant expires) {
    }

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String keycloakUrl() {
        String v = System.getenv("ANAISS_KEYCLOAK_URL");
        return v == null || v.isBlank() ? "http://localhost:8180" : v;
    }

    public static String of(String username) {
        return of(username, java.time.Duration.ofSeconds(30));
    }

    /** A token still valid for at least this long (a benchmark run uses one for a minute). */
    public static String of(String username, java.time.Duration validFor) {
        Cached c = CACHE.get(username);
        if (c != null && c.expires().isAfter(Instant.now().plus(validFor))) {
            return c.token();
        }
        var r = given().baseUri(keycloakUrl()).formParam("grant_type", "password").formParam("client_id", "anaiss-test")
                .formParam("username", username).formParam("password", "demo")
                .post("/realms/anaiss/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + username + ": " + r.statusCode());
        }
        String token = r.path("access_token");
        int expiresIn = r.path("expires_in");
        CACHE.put(username, new Cached(token, Instant.now().plusSeconds(expiresIn)));
        return token;
    }
}
