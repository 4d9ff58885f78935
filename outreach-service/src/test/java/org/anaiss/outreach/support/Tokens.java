package org.anaiss.outreach.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm anaiss); cached until shortly before expiry. */
public final class Tokens {

    public static final String KEYCLOAK = System.getProperty("anaiss.keycloak.url",
            System.getenv().getOrDefault("ANAISS_KEYCLOAK_URL", "http://localhost:8180"));
    public static final String PARTNER_CPAM = "partner-cpam-rhone";
    public static final String PARTNER_CHU = "partner-chu-rennes";

    private record Cached(String token, Instant expires) {
    }

    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A user's token by the password grant of the test-only client (demo password). */
    public static String user(String username) {
        return cached("user:" + username, () -> given().baseUri(KEYCLOAK)
                .formParam("grant_type", "password").formParam("client_id", "anaiss-test")
                .formParam("username", username).formParam("password", "demo")
                .post("/realms/anaiss/protocol/openid-connect/token"));
    }

    public static String cpam() {
        return client(PARTNER_CPAM, "demo-partner-secret-cpam");
    }

    public static String chu() {
        return client(PARTNER_CHU, "demo-partner-secret-chu");
    }

    public static String client(String clientId, String secret) {
        return cached("client:" + clientId, () -> given().baseUri(KEYCLOAK)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/realms/anaiss/protocol/openid-connect/token"));
    }

    private static String cached(String key, java.util.function.Supplier<io.restassured.response.Response> fetch) {
        Cached c = CACHE.get(key);
        if (c != null && c.expires().isAfter(Instant.now().plusSeconds(60))) {
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
