package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/** Real access tokens from the local Keycloak (realm anaiss); each handed out with at least 4 minutes to live. */
public final class Tokens {

    /** Demo accounts of deploy/keycloak/anaiss-realm.json: demo-only passwords. */
    public static final String PASSWORD = "demo";
    public static final String PARTNER_CPAM = "partner-cpam-rhone";
    public static final String PARTNER_CPAM_SECRET = "demo-partner-secret-cpam";

    private record Cached(String token, Instant expires) {
    }

    // Keycloak stopped or paused by a fault test: a refusal, never a wait
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 15000));
    private static final Duration HELD_AT_LEAST = Duration.ofMinutes(4);
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A user's token by the password grant of the test-only client. */
    public static String user(String username) {
        return cached("user:" + username, () -> given().config(TIMEOUTS).baseUri(Env.keycloakUrl())
                .formParam("grant_type", "password").formParam("client_id", "anaiss-test")
                .formParam("username", username).formParam("password", PASSWORD)
                .post("/realms/anaiss/protocol/openid-connect/token"));
    }

    /** A partner system's token by client credentials. */
    public static String client(String clientId, String secret) {
        return cached("client:" + clientId, () -> given().config(TIMEOUTS).baseUri(Env.keycloakUrl())
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/realms/anaiss/protocol/openid-connect/token"));
    }

    private static String cached(String key, java.util.function.Supplier<io.restassured.response.Response> fetch) {
        Cached c = CACHE.get(key);
        // a token handed out is good for at least 4 minutes (the realm gives 5): a test may hold one that long
        if (c != null && c.expires().isAfter(Instant.now().plus(HELD_AT_LEAST))) {
            return c.token();
        }
        io.restassured.response.Response r = fetch.get();
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + key + ": " + r.statusCode());
        }
        String token = r.path("access_token");
        int expiresIn = r.path("expires_in");
        CACHE.put(key, new Cached(token, Instant.now().plusSeconds(expiresIn)));
        return token;
    }
}
