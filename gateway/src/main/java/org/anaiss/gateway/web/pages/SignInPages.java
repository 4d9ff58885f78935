package org.anaiss.gateway.web.pages;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.gateway.web.WebConfig;
import org.anaiss.gateway.web.session.Sessions;
import org.anaiss.gateway.web.session.WebSession;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** Sign-in through Keycloak, sign-out, and the choice of language. */
@ApplicationScoped
class SignInPages {

    private final Sessions sessions;
    private final WebConfig config;
    private final PageSupport p;

    SignInPages(Sessions sessions, WebConfig config, PageSupport p) {
        this.sessions = sessions;
        this.config = config;
        this.p = p;
    }

    void login(RoutingContext rc) {
        p.signIn(rc, rc.request().getParam("next"));
    }

    void callback(RoutingContext rc) {
        sessions.finishSignIn(rc).onComplete(ar -> {
            if (ar.succeeded()) {
                Html.redirect(rc, ar.result());
            } else if (ar.cause() instanceof Sessions.SignInFailed) {
                p.message(rc, 400, p.context(rc, null, null), "signInFailed.title", "signInFailed.text", null, "/app/login", "signInFailed.retry");
            } else {
                p.unavailable(rc, ar.cause());
            }
        });
    }

    void logout(RoutingContext rc, WebSession session, PageContext ctx) {
        sessions.signOut(rc, session).onComplete(ar -> {
            if (ar.failed()) {
                // signed out here all the same; Keycloak's page could not be named
                Html.redirect(rc, "/app/signed-out");
                return;
            }
            Html.redirect(rc, ar.result());
        });
    }

    void signedOut(RoutingContext rc) {
        p.message(rc, 200, p.context(rc, null, null), "signedOut.title", "signedOut.text", null, "/app/login", "signedOut.signIn");
    }

    void switchLanguage(RoutingContext rc) {
        String to = rc.request().getParam("to");
        if (to != null && Messages.LANGUAGES.contains(to)) {
            rc.response().addCookie(Cookie.cookie(PageSupport.LANG_COOKIE, to).setPath("/").setMaxAge(365L * 24 * 3600).setHttpOnly(true)
                    .setSecure(config.session().secureCookie()).setSameSite(CookieSameSite.LAX));
        }
        String next = rc.request().getParam("next");
        Html.redirect(rc, next != null && next.startsWith("/app") && !next.startsWith("//") && !next.contains("\\") ? next : "/app/cases");
    }
}
