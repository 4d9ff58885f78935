package org.anaiss.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real access tokens from the local Keycloak (realm anaiss), one per account, shared by all the
 * virtual users of that account: a person keeps a token for its whole lifespan (5 minutes) rather
 * than logging in before each click. Taken before the load starts, refreshed by a background thread
 * a minute before expiry, so no virtual user ever waits on Keycloak and Keycloak is not part of the
 * measured path.
 */
final class Tokens {

    /** Demo accounts of deploy/keycloak/anaiss-realm.json: demo-only passwords. */
    static final String PASSWORD = "demo";
    static final String PARTNER = "partner-cpam-rhone";
    static final String PARTNER_SECRET = "demo-partner-secret-cpam";

    private record Token(String value, long expiresAtMillis) {
    }

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> FORMS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static ScheduledExecutorService refresher;
    private static String tokenUrl;

    private Tokens() {
    }

    /** Takes every account's token now (fails the run if Keycloak refuses one), then keeps them fresh. */
    static synchronized void start(String keycloakUrl, Iterable<String> users) {
        tokenUrl = keycloakUrl + "/realms/anaiss/protocol/openid-connect/token";
        for (String user : users) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "password");
            form.put("client_id", "anaiss-test");
            form.put("username", user);
            form.put("password", PASSWORD);
            FORMS.put(user, form);
        }
        Map<String, String> partner = new LinkedHashMap<>();
        partner.put("grant_type", "client_credentials");
        partner.put("client_id", PARTNER);
        partner.put("client_secret", PARTNER_SECRET);
        FORMS.put(PARTNER, partner);
        for (String account : FORMS.keySet()) {
            TOKENS.put(account, fetch(account));
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-refresher");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(Tokens::refreshDue, 10, 10, TimeUnit.SECONDS);
    }

    static synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The current token of an account (never blocks). */
    static String get(String account) {
        Token t = TOKENS.get(account);
        if (t == null) {
            throw new IllegalStateException("no token for " + account);
        }
        return t.value();
    }

    private static void refreshDue() {
        long soon = System.currentTimeMillis() + 60_000;
        for (String account : FORMS.keySet()) {
            Token t = TOKENS.get(account);
            if (t == null || t.expiresAtMillis() < soon) {
                try {
                    TOKENS.put(account, fetch(account));
                } catch (RuntimeException e) {
                    // Keycloak restarted by someone else's test: keep the old token, try again in 10 s
                    System.err.println("[load] token refresh for " + account + " failed: " + e.getMessage());
                }
            }
        }
    }

    private static Token fetch(String account) {
        StringBuilder body = new StringBuilder();
        FORMS.get(account).forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(r.body());
            Matcher expires = EXPIRES_IN.matcher(r.body());
            if (r.statusCode() != 200 || !token.find() || !expires.find()) {
                throw new IllegalStateException("Keycloak refused a token for " + account + ": HTTP " + r.statusCode());
            }
            return new Token(token.group(1), System.currentTimeMillis() + Long.parseLong(expires.group(1)) * 1000);
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + tokenUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
