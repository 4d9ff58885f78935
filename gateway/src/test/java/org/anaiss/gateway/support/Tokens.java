package org.anaiss.gateway.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm anaiss, demo users and clients; demo-only secrets). */
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

    /** A user's token by the password grant of the test-only client. */
    public static String user(String username) {
        return cached("user:" + username, Map.of("grant_type", "password", "client_id", "anaiss-test",
                "username", username, "password", "demo"));
    }

    /** The partner system CPAM Rhône's token by client credentials. */
    public static String partner() {
        return cached("client:partner-cpam-rhone", Map.of("grant_type", "client_credentials",
                "client_id", "partner-cpam-rhone", "client_secret", "demo-partner-secret-cpam"));
    }

    private static String cached(String key, Map<String, String> form) {
        Cached c = CACHE.get(key);
        if (c != null && c.expires().isAfter(Instant.now().plusSeconds(30))) {
            return c.token();
        }
        var r = given().baseUri(keycloakUrl()).formParams(form).post("/realms/anaiss/protocol/openid-connect/token");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + key + ": " + r.statusCode());
        }
        String token = r.path("access_token");
        CACHE.put(key, new Cached(token, Instant.now().plusSeconds(r.<Integer>path("expires_in"))));
        return token;
    }
}
