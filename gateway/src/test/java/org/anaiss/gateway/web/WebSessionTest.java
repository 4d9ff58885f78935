package org.anaiss.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.StubService;
import org.anaiss.gateway.support.Tokens;
import org.anaiss.gateway.support.Upstreams;
import org.anaiss.gateway.web.session.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/**
 * The gateway as backend for front end, against the real Keycloak: the code flow with PKCE, the one
 * cookie the browser gets, pages and API calls made with the user's own token, CSRF refusals, the
 * token refresh, sign-out at Keycloak, idle expiry. case-service is a stand-in that echoes (its calls
 * are inspected). The browser itself is exercised by the system tests (WebSessionBrowserIT).
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class WebSessionTest {

    private static final RestAssuredConfig NO_REDIRECTS = RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig()
            .followRedirects(false));
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Sessions sessions;

    @AfterEach
    void realClock() {
        sessions.clock(Clock.systemUTC());
    }

    @Test
    void signInRunsTheCodeFlowWithPkceAndLeavesOnlyAnHttpOnlySecureSameSiteCookie() {
        Response toKeycloak = given().config(NO_REDIRECTS).get("/app/cases?scope=team");
        assertThat(toKeycloak.statusCode()).isEqualTo(302);
        String authorize = toKeycloak.header("Location");
        Map<String, String> query = query(URI.create(authorize));
        assertThat(authorize).startsWith(Tokens.keycloakUrl() + "/realms/anaiss/protocol/openid-connect/auth");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "anaiss-web")
                .containsEntry("code_challenge_method", "S256").containsEntry("ui_locales", "fr")
                .containsEntry("redirect_uri", EdgeProfile.WEB_PUBLIC_URL + "/app/callback");
        assertThat(query.get("code_challenge")).hasSize(43);
        assertThat(query.get("state")).isNotBlank();
        assertThat(query.get("nonce")).isNotBlank();
        String signIn = toKeycloak.getCookie("anaiss_signin");
        assertThat(toKeycloak.getDetailedCookie("anaiss_signin").isHttpOnly()).isTrue();
        assertThat(signIn).doesNotContain(query.get("state")).as("the sign-in state is sealed");

        Session s = finishSignIn("alice", authorize, signIn);
        assertThat(s.setCookie).contains("HTTPOnly").contains("Secure").contains("SameSite=Lax").contains("Path=/")
                .doesNotContain("Max-Age").doesNotContain("eyJ");
        assertThat(s.next).isEqualTo("/app/cases?scope=team");

        Response page = given().cookie("anaiss_session", s.id).get("/app/cases?scope=team");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(page.asString()).contains("<html lang=\"fr\">", "Dossiers de l’équipe", "Alice Martin").doesNotContain("eyJ");
        StubService.Received call = last("/api/cases");
        assertThat(call.header("Authorization")).startsWith("Bearer eyJ");
        assertThat(call.header("Cookie")).isNull();
        assertThat(call.query()).doesNotContain("mine=true").contains("size=20");
    }

    @Test
    void aChangeNeedsTheSessionsCsrfTokenAndGoesToTheServiceWithTheUsersOwnToken() {
        Session s = signIn("alice");
        String caseId = UUID.randomUUID().toString();
        String csrf = csrf(given().cookie("anaiss_session", s.id).get("/app/cases").asString());
        long before = Upstreams.cases().countPath("/api/cases/" + caseId + "/contacts");

        Response forged = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).formParam("mode", "PHONE")
                .formParam("occurredAt", "2026-01-01T10:00").post("/app/cases/" + caseId + "/contacts");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.asString()).contains("Demande refusée");
        Response otherSite = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).header("Sec-Fetch-Site", "cross-site")
                .formParam("_csrf", csrf).formParam("mode", "PHONE").post("/app/cases/" + caseId + "/contacts");
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(Upstreams.cases().countPath("/api/cases/" + caseId + "/contacts")).isEqualTo(before);

        Response done = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).header("Sec-Fetch-Site", "same-origin")
                .formParam("_csrf", csrf).formParam("mode", "PHONE").formParam("occurredAt", "2026-01-01T10:00")
                .formParam("notes", "appel").post("/app/cases/" + caseId + "/contacts");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.header("Location")).isEqualTo("/app/cases/" + caseId + "?ok=contact-added#h-contacts");
        StubService.Received call = last("/api/cases/" + caseId + "/contacts");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("Authorization")).startsWith("Bearer eyJ");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void theApiTakesTheSessionCookieOnlyWithTheCsrfHeaderAndForwardsTheUsersTokenNeverTheCookie() {
        Session s = signIn("alice");
        String csrf = csrf(given().cookie("anaiss_session", s.id).get("/app/cases").asString());
        String path = "/api/cases/" + UUID.randomUUID() + "/documents";

        given().cookie("anaiss_session", s.id).contentType("application/pdf").body(new byte[] { 1, 2, 3 }).post(path)
                .then().statusCode(403).contentType("application/problem+json");
        given().cookie("anaiss_session", s.id).header("X-CSRF-Token", csrf).header("Origin", "https://evil.example")
                .contentType("application/pdf").body(new byte[] { 1, 2, 3 }).post(path).then().statusCode(403);
        assertThat(Upstreams.cases().countPath(path)).isZero();

        given().cookie("anaiss_session", s.id).header("X-CSRF-Token", csrf).contentType("application/pdf")
                .body(new byte[] { 1, 2, 3 }).post(path).then().statusCode(200);
        StubService.Received call = last(path);
        assertThat(call.header("Authorization")).startsWith("Bearer eyJ");
        assertThat(call.header("Cookie")).isNull();
        assertThat(call.header("X-CSRF-Token")).isNull();

        // a bearer client is unchanged, and a session cookie of nobody opens nothing
        given().auth().oauth2(Tokens.user("bruno")).get("/api/cases/whatever").then().statusCode(200);
        given().cookie("anaiss_session", "no-such-session").header("X-CSRF-Token", csrf).get("/api/cases").then().statusCode(401);
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedBeforeTheServiceIsCalled() {
        Session s = signIn("alice");
        given().cookie("anaiss_session", s.id).get("/app/cases").then().statusCode(200);
        String first = last("/api/cases").header("Authorization");
        // Keycloak's tokens live 5 minutes: 4 min 50 s later, less than the 30 s margin is left
        sessions.clock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(290)));
        given().cookie("anaiss_session", s.id).get("/app/cases").then().statusCode(200);
        String refreshed = last("/api/cases").header("Authorization");
        assertThat(refreshed).startsWith("Bearer eyJ").isNotEqualTo(first);
        // and the refreshed token is the one kept: back at the real time, the next request uses it as it is
        sessions.clock(Clock.systemUTC());
        given().cookie("anaiss_session", s.id).get("/app/cases").then().statusCode(200);
        assertThat(last("/api/cases").header("Authorization")).isEqualTo(refreshed);
    }

    @Test
    void signingOutEndsTheSessionAndSendsTheBrowserToKeycloaksLogout() {
        Session s = signIn("bruno");
        String csrf = csrf(given().cookie("anaiss_session", s.id).get("/app/cases").asString());
        Response out = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).formParam("_csrf", csrf).post("/app/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).startsWith(Tokens.keycloakUrl() + "/realms/anaiss/protocol/openid-connect/logout")
                .contains("id_token_hint=eyJ").contains("post_logout_redirect_uri=" + enc(EdgeProfile.WEB_PUBLIC_URL + "/app/signed-out"));
        assertThat(out.getDetailedCookie("anaiss_session").getMaxAge()).isZero();
        Response after = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).get("/app/cases");
        assertThat(after.statusCode()).as("the old cookie opens nothing: sign in again").isEqualTo(302);
        assertThat(after.header("Location")).startsWith(Tokens.keycloakUrl());
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutEnds() {
        Session s = signIn("alice");
        sessions.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(14)));
        given().cookie("anaiss_session", s.id).get("/app/cases").then().statusCode(200);
        // 14 minutes later again: within 15 minutes of the last request, still alive (and refreshed)
        sessions.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(28)));
        given().cookie("anaiss_session", s.id).get("/app/cases").then().statusCode(200);
        sessions.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(44)));
        Response expired = given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).get("/app/cases");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.asString()).contains("Votre session a expiré");
        assertThat(expired.getDetailedCookie("anaiss_session").getMaxAge()).isZero();
        sessions.clock(Clock.systemUTC());
        assertThat(given().config(NO_REDIRECTS).cookie("anaiss_session", s.id).get("/app/cases").statusCode())
                .as("an expired session is gone").isEqualTo(302);
    }

    @Test
    void theLookIsServedAtStablePathsWithDesignTokens() {
        Response css = given().get("/assets/anaiss.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.asString()).contains("@cnamts/design-tokens", "--am-colors-primary: #0c419a", "--anaiss-primary");
        assertThat(css.header("Cache-Control")).isEqualTo("public, max-age=3600");
        given().header("If-None-Match", css.header("ETag")).get("/assets/anaiss.css").then().statusCode(304);
        given().get("/assets/logo.svg").then().statusCode(200).contentType("image/svg+xml");
        given().get("/assets/nothing.css").then().statusCode(404);
    }

    // ------------------------------------------------------------------ helpers

    private record Session(String id, String setCookie, String next) {
    }

    private Session signIn(String username) {
        Response toKeycloak = given().config(NO_REDIRECTS).get("/app/cases");
        return finishSignIn(username, toKeycloak.header("Location"), toKeycloak.getCookie("anaiss_signin"));
    }

    /** Keycloak's login form, as a browser fills it, then the callback on this gateway. */
    private Session finishSignIn(String username, String authorize, String signInCookie) {
        // the addresses come encoded from the servers: sent as they are
        Response login = given().config(NO_REDIRECTS).urlEncodingEnabled(false).get(authorize);
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher action = FORM_ACTION.matcher(login.asString());
        assertThat(action.find()).as("Keycloak's login form").isTrue();
        Response back = given().config(NO_REDIRECTS).urlEncodingEnabled(false).cookies(login.getCookies()).formParam("username", username)
                .formParam("password", "demo").post(action.group(1).replace("&amp;", "&"));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.header("Location"));
        assertThat(callback.toString()).startsWith(EdgeProfile.WEB_PUBLIC_URL + "/app/callback");
        Response done = given().config(NO_REDIRECTS).urlEncodingEnabled(false).cookie("anaiss_signin", signInCookie)
                .get(gateway.resolve(callback.getRawPath() + "?" + callback.getRawQuery()));
        assertThat(done.statusCode()).as(done.asString()).isEqualTo(303);
        String setCookie = done.headers().getList("Set-Cookie").stream().map(h -> h.getValue())
                .filter(v -> v.startsWith("anaiss_session=")).findFirst().orElseThrow();
        return new Session(done.getCookie("anaiss_session"), setCookie, done.header("Location"));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }

    private static StubService.Received last(String path) {
        List<StubService.Received> calls = Upstreams.cases().received().stream().filter(r -> r.path().equals(path)).toList();
        assertThat(calls).as("calls of " + path).isNotEmpty();
        return calls.get(calls.size() - 1);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
