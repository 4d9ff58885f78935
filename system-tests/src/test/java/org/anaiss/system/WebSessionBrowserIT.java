package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import com.sun.net.httpserver.HttpServer;

/**
 * The staff application's session, as a browser and an attacker see it: tokens stay at the gateway
 * (one HttpOnly, Secure, SameSite cookie; nothing in script-readable cookies or storage), a forged
 * cross-site POST and a same-origin call without the CSRF token change nothing, signing out ends the
 * session here and at Keycloak (the back button shows nothing), an idle session expires.
 */
class WebSessionBrowserIT {

    @Test
    void noTokenIsReadableByPageScriptsAndTheSessionCookieIsHttpOnlySecureSameSite() {
        try (Browser browser = Browser.start()) {
            StaffApp.signIn(browser, "alice");
            Cookie session = browser.driver().manage().getCookieNamed("anaiss_session");
            assertThat(session).isNotNull();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.isSecure()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Lax");
            assertThat(browser.driver().manage().getCookies()).allSatisfy(c -> assertThat(c.getValue()).doesNotStartWith("eyJ"));
            assertThat((String) browser.script("return document.cookie")).doesNotContain("anaiss_session").doesNotContain("eyJ");
            assertThat((Long) browser.script("return window.localStorage.length + window.sessionStorage.length")).isZero();
            assertThat(browser.driver().getPageSource()).doesNotContain("eyJ");
        }
    }

    @Test
    void aForgedCrossSitePostAndACallWithoutTheCsrfTokenChangeNothing() throws IOException {
        String personId = StaffApp.person("alice", Fixtures.uniqueLastName(), Fixtures.birthDate());
        String caseId = StaffApp.openCase("alice", personId, "alice");
        // another site (another host name, so another site for the browser) with a form that posts to the application
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        String target = StaffApp.url("/app/cases/" + caseId + "/contacts");
        attacker.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><html lang=en><head><title>Win a prize</title></head><body>"
                    + "<form id=f method=post action='" + target + "'><input name=mode value=PHONE>"
                    + "<input name=occurredAt value='2026-01-01T10:00'><input name=notes value=forged></form>"
                    + "<script>document.getElementById('f').submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try (Browser browser = Browser.start()) {
            StaffApp.signIn(browser, "alice");
            browser.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
            browser.waitFor(b -> b.driver().getCurrentUrl().startsWith(target), "the forged form submitted");
            assertThat(browser.text()).contains("Demande refusée", "Rien n’a été modifié.");
            browser.checkScreen("request-refused");

            // same origin, cookie sent, but no CSRF token: refused too, by the pages and by the API
            browser.open(StaffApp.url("/app/cases/" + caseId));
            Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/cases/" + caseId + "/contacts', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({occurredAt: new Date().toISOString(), mode: 'PHONE', notes: 'no token'})})"
                    + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(((Number) status).intValue()).isEqualTo(403);
            Object pageStatus = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/app/cases/" + caseId + "/contacts', {method: 'POST', body: new URLSearchParams("
                    + "{mode: 'PHONE', occurredAt: '2026-01-01T10:00', notes: 'no token'})}).then(r => done(r.status));");
            assertThat(((Number) pageStatus).intValue()).isEqualTo(403);
        } finally {
            attacker.stop(0);
        }
        given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/contacts")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void signingOutEndsTheSessionHereAndAtKeycloakAndTheBackButtonShowsNothing() {
        String lastName = Fixtures.uniqueLastName();
        String personId = StaffApp.person("alice", lastName, Fixtures.birthDate());
        try (Browser browser = Browser.start()) {
            StaffApp.signIn(browser, "alice");
            browser.open(StaffApp.url("/app/persons/" + personId));
            assertThat(browser.text()).contains(lastName);
            StaffApp.signOut(browser);
            assertThat(browser.text()).contains("Vous êtes déconnecté·e");
            browser.checkScreen("signed-out");
            assertThat(browser.driver().manage().getCookieNamed("anaiss_session")).isNull();

            browser.driver().navigate().back();
            browser.waitFor(b -> !b.driver().getCurrentUrl().contains("/signed-out"), "the previous address");
            assertThat(browser.text()).doesNotContain(lastName);
            // signed out at Keycloak too: the application asks for the password again
            browser.open(StaffApp.url("/app/persons/" + personId));
            assertThat(browser.onKeycloakLogin()).as("Keycloak's login form, not a silent sign-in").isTrue();
            assertThat(browser.text()).doesNotContain(lastName);
        }
    }

    @Test
    void anIdleSessionExpiresAndEndsAtKeycloakToo() throws Exception {
        try (Browser browser = Browser.start()) {
            StaffApp.signIn(browser, "emma");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Mes dossiers");
            // the idle deadline passes (15 minutes in production; moved here rather than waited for)
            String id = browser.driver().manage().getCookieNamed("anaiss_session").getValue();
            try (Connection db = Db.as("gateway", "gateway"); PreparedStatement st = db.prepareStatement(
                    "update web_session set idle_until = now() - interval '1 second' where id_hash = sha256(convert_to(?, 'UTF8'))")) {
                st.setString(1, id);
                assertThat(st.executeUpdate()).isEqualTo(1);
            }
            browser.open(StaffApp.url("/app/cases"));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Votre session a expiré");
            browser.checkScreen("session-expired");
            browser.find(By.linkText("Se reconnecter")).click();
            browser.waitFor(Browser::onKeycloakLogin, "Keycloak's login form: the session ended there too");
        }
    }
}
