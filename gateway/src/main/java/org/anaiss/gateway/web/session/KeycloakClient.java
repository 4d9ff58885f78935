package org.anaiss.gateway.web.session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * The few OpenID Connect calls of the backend for front end, to the realm's endpoints as its discovery
 * document names them: the authorization request (code flow with PKCE), the token requests (code,
 * refresh) and the two logouts (the browser's redirect, and the server's own call for a session that
 * ended without the browser, which Keycloak accepts with the refresh token).
 */
public final class KeycloakClient {

    /** Keycloak refused a refresh token (expired, revoked, or the session ended there). */
    public static final class RefusedGrant extends RuntimeException {
        RefusedGrant(String error) {
            super(error, null, false, false);
        }
    }

    /** What the token endpoint answered. */
    public record TokenResponse(String access, String refresh, String id, Instant accessExpiresAt, Instant refreshExpiresAt) {
    }

    record Endpoints(String issuer, String authorization, String token, String endSession) {
    }

    private final WebClient client;
    private final String discoveryUrl;
    private final String clientId;
    private final String clientSecret;
    private volatile Future<Endpoints> endpoints;

    public KeycloakClient(WebClient client, String authServerUrl, String clientId, String clientSecret) {
        this.client = client;
        this.discoveryUrl = authServerUrl.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    Future<Endpoints> endpoints() {
        Future<Endpoints> current = endpoints;
        if (current == null || current.failed()) {
            synchronized (this) {
                if (endpoints == null || endpoints.failed()) {
                    endpoints = client.getAbs(discoveryUrl).timeout(5_000).send().map(r -> {
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("Keycloak's discovery document answered " + r.statusCode());
                        }
                        JsonObject d = r.bodyAsJsonObject();
                        return new Endpoints(d.getString("issuer"), d.getString("authorization_endpoint"),
                                d.getString("token_endpoint"), d.getString("end_session_endpoint"));
                    });
                }
                current = endpoints;
            }
        }
        return current;
    }

    public Future<String> issuer() {
        return endpoints().map(Endpoints::issuer);
    }

    /** Where to send the browser to sign in (French unless the application's language is another). */
    public Future<String> authorizationUrl(String redirectUri, String state, String nonce, String codeChallenge, String locale) {
        return endpoints().map(e -> e.authorization() + "?response_type=code"
                + "&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirectUri)
                + "&scope=openid"
                + "&state=" + enc(state)
                + "&nonce=" + enc(nonce)
                + "&code_challenge=" + enc(codeChallenge)
                + "&code_challenge_method=S256"
                + "&ui_locales=" + enc(locale));
    }

    public Future<TokenResponse> exchangeCode(String code, String redirectUri, String codeVerifier) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .set("grant_type", "authorization_code").set("code", code)
                .set("redirect_uri", redirectUri).set("code_verifier", codeVerifier);
        return tokenRequest(form);
    }

    public Future<TokenResponse> refresh(String refreshToken) {
        return tokenRequest(MultiMap.caseInsensitiveMultiMap().set("grant_type", "refresh_token").set("refresh_token", refreshToken));
    }

    /** Ends the user's session at Keycloak from the server (no browser involved). */
    public Future<Void> logout(String refreshToken) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().set("refresh_token", refreshToken);
        return endpoints().compose(e -> client.postAbs(e.endSession()).timeout(5_000).sendForm(withClient(form)))
                .map(r -> {
                    // 204 ended; 400 invalid_grant: already ended there (expired or logged out)
                    if (r.statusCode() >= 500) {
                        throw new IllegalStateException("Keycloak's logout answered " + r.statusCode());
                    }
                    return null;
                });
    }

    /** Where to send the browser to end its session at Keycloak, then come back. */
    public Future<String> endSessionUrl(String idTokenHint, String postLogoutRedirectUri) {
        return endpoints().map(e -> e.endSession() + "?client_id=" + enc(clientId)
                + (idTokenHint == null ? "" : "&id_token_hint=" + enc(idTokenHint))
                + "&post_logout_redirect_uri=" + enc(postLogoutRedirectUri));
    }

    private Future<TokenResponse> tokenRequest(MultiMap form) {
        return endpoints().compose(e -> client.postAbs(e.token()).timeout(10_000).sendForm(withClient(form)))
                .map(KeycloakClient::tokens);
    }

    private MultiMap withClient(MultiMap form) {
        form.set("client_id", clientId);
        if (clientSecret != null) {
            form.set("client_secret", clientSecret);
        }
        return form;
    }

    private static TokenResponse tokens(HttpResponse<io.vertx.core.buffer.Buffer> r) {
        if (r.statusCode() == 400 || r.statusCode() == 401) {
            JsonObject error = safeJson(r);
            throw new RefusedGrant(error == null ? "refused" : error.getString("error", "refused"));
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak's token endpoint answered " + r.statusCode());
        }
        JsonObject body = r.bodyAsJsonObject();
        Instant now = Instant.now();
        long refreshIn = body.getLong("refresh_expires_in", 0L);
        return new TokenResponse(body.getString("access_token"), body.getString("refresh_token"), body.getString("id_token"),
                now.plusSeconds(body.getLong("expires_in", 60L)), refreshIn > 0 ? now.plusSeconds(refreshIn) : null);
    }

    private static JsonObject safeJson(HttpResponse<io.vertx.core.buffer.Buffer> r) {
        try {
            return r.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The claims of a JWT, without checking it: only for an ID token received straight from the token endpoint. */
    public static JsonObject claims(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
