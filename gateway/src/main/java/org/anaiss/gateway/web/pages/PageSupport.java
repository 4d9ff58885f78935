package org.anaiss.gateway.web.pages;

import static org.anaiss.gateway.web.pages.PageValues.enc;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.gateway.web.WebConfig;
import org.anaiss.gateway.web.assets.WebAssets;
import org.anaiss.gateway.web.session.Sessions;
import org.anaiss.gateway.web.session.WebSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * What every staff page shares: a session (else sign in), the CSRF proof of a form, the page's context
 * (language, user, flash message), rendering with the pages' security headers, and a service's refusal
 * read back as a page in words.
 */
@ApplicationScoped
public class PageSupport {

    static final String LANG_COOKIE = "anaiss_lang";
    private static final Logger LOG = Logger.getLogger(PageSupport.class);

    private final Sessions sessions;
    private final WebConfig config;
    private final WebAssets assets;
    private final String csp;
    private final PageContext.Brand brand;

    public PageSupport(Sessions sessions, WebConfig config, WebAssets assets,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this.sessions = sessions;
        this.config = config;
        this.assets = assets;
        WebConfig.Brand b = config.brand();
        this.brand = new PageContext.Brand(b.fundName(), b.phone().orElse(null), b.address().orElse(null), b.logoUrl());
        this.csp = Html.csp(origin(authServerUrl), b.logoUrl().startsWith("http") ? origin(b.logoUrl()) : null);
    }

    /** The part of a page that needs a session: its handler. */
    @FunctionalInterface
    interface SessionHandler {
        void handle(RoutingContext rc, WebSession session, PageContext ctx);
    }

    /** A page to read: a session (else sign in, or say it ended) of someone who does case work. */
    Handler<RoutingContext> page(SessionHandler handler) {
        return rc -> sessions.current(rc).onComplete(ar -> {
            if (ar.failed()) {
                unavailable(rc, ar.cause());
                return;
            }
            WebSession session = ar.result();
            if (session == null) {
                if (sessions.endedNow(rc)) {
                    message(rc, 401, context(rc, null, null), "expired.title", "expired.text", null, signInHref(rc), "expired.signIn");
                } else {
                    signIn(rc, rc.request().uri());
                }
                return;
            }
            PageContext ctx = context(rc, session, null);
            if (!ctx.caseWorker()) {
                message(rc, 403, ctx, "forbidden.title", "forbidden.role", null);
                return;
            }
            run(rc, session, ctx, handler);
        });
    }

    /** A handler's own failure is a page in words and a log line, never a request left hanging. */
    private void run(RoutingContext rc, WebSession session, PageContext ctx, SessionHandler handler) {
        try {
            handler.handle(rc, session, ctx);
        } catch (RuntimeException e) {
            LOG.errorf("a page failed (%s)", e.getClass().getSimpleName());
            LOG.debug("page failure", e);
            if (!rc.response().headWritten()) {
                message(rc, 500, ctx, "error.title", "error.text", null);
            }
        }
    }

    /**
     * A change: a session, and proof that the form came from one of our pages (the session's CSRF
     * token, and no other site named by the browser). A forged request changes nothing.
     */
    Handler<RoutingContext> action(SessionHandler handler) {
        return rc -> sessions.current(rc).onComplete(ar -> {
            if (ar.failed()) {
                unavailable(rc, ar.cause());
                return;
            }
            WebSession session = ar.result();
            if (session == null) {
                if (sessions.endedNow(rc)) {
                    message(rc, 401, context(rc, null, null), "expired.title", "expired.lost", null, signInHref(rc), "expired.signIn");
                } else {
                    message(rc, 403, context(rc, null, null), "refused.title", "refused.text", null, "/app/cases", "refused.back");
                }
                return;
            }
            PageContext ctx = context(rc, session, null);
            if (!sessions.sameOriginOrUnnamed(rc) || !sessions.csrfValid(session, rc.request().getFormAttribute("_csrf"))) {
                message(rc, 403, ctx, "refused.title", "refused.text", null, "/app/cases", "refused.back");
                return;
            }
            if (!ctx.caseWorker()) {
                message(rc, 403, ctx, "forbidden.title", "forbidden.role", null);
                return;
            }
            run(rc, session, ctx, handler);
        });
    }

    void signIn(RoutingContext rc, String next) {
        sessions.startSignIn(rc, next, language(rc)).onComplete(ar -> {
            if (ar.failed()) {
                unavailable(rc, ar.cause());
                return;
            }
            rc.response().setStatusCode(302).putHeader("Location", ar.result()).putHeader("Cache-Control", "no-store").end();
        });
    }

    PageContext context(RoutingContext rc, WebSession session, String nav) {
        String ok = rc.request().getParam("ok");
        Messages m = Messages.of(language(rc));
        String flash = ok != null && ok.matches("[a-z-]{1,40}") && m.has("flash." + ok) ? "flash." + ok : null;
        return new PageContext(m, session == null ? null : session.profile(), session == null ? null : sessions.csrfToken(session),
                brand, nav, pathWithoutFlash(rc), assets.version(), flash, null, config.zone());
    }

    static PageContext withNav(PageContext ctx, String nav, RoutingContext rc) {
        return withNav(ctx, nav, ctx.here);
    }

    static PageContext withNav(PageContext ctx, String nav, String here) {
        return new PageContext(ctx.m, ctx.user, ctx.csrf, ctx.brand, nav, here, ctx.assets, ctx.flash, ctx.problem, ctx.zone());
    }

    private static String pathWithoutFlash(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.GET) {
            return "/app/cases";
        }
        String uri = rc.request().uri();
        return uri.replaceAll("([?&])ok=[a-z-]*&?", "$1").replaceAll("[?&]$", "");
    }

    static String language(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(LANG_COOKIE);
        // French first: English only when chosen in the application
        return cookie != null && Messages.LANGUAGES.contains(cookie.getValue()) ? cookie.getValue() : Messages.FRENCH;
    }

    void render(RoutingContext rc, int status, TemplateInstance page) {
        String html;
        try {
            html = page.render();
        } catch (RuntimeException e) {
            LOG.errorf("a page could not be rendered (%s)", e.getClass().getSimpleName());
            LOG.debug("rendering failure", e);
            rc.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Erreur interne / Internal error");
            return;
        }
        Html.send(rc, status, html, csp);
    }

    void message(RoutingContext rc, int status, PageContext ctx, String title, String text, String detail) {
        message(rc, status, ctx, title, text, detail, null, null);
    }

    void message(RoutingContext rc, int status, PageContext ctx, String title, String text, String detail, String href,
            String linkText) {
        render(rc, status, Templates.message(ctx, title, text, detail, href, linkText));
    }

    /** A refusal of the service read back as a page: not found, forbidden, anything else in its words. */
    <T> boolean failed(RoutingContext rc, io.vertx.core.AsyncResult<CaseApi.Result<T>> ar, PageContext ctx) {
        return failed(rc, ar, ctx, "notFound.page");
    }

    <T> boolean failed(RoutingContext rc, io.vertx.core.AsyncResult<CaseApi.Result<T>> ar, PageContext ctx, String notFoundText) {
        if (ar.failed()) {
            unavailable(rc, ar.cause());
            return true;
        }
        if (ar.result().ok()) {
            return false;
        }
        Api.Problem problem = ar.result().problem();
        if (problem.status() == 404) {
            message(rc, 404, ctx, "notFound.title", notFoundText, problem.detail());
        } else if (problem.status() == 403) {
            message(rc, 403, ctx, "forbidden.title", "forbidden.api", problem.detail());
        } else if (problem.status() == 401) {
            message(rc, 401, ctx, "expired.title", "expired.text", null, signInHref(rc), "expired.signIn");
        } else {
            message(rc, problem.status() >= 400 ? problem.status() : 502, ctx.with(null, problem), "error.title", "error.text", null);
        }
        return true;
    }

    void unavailable(RoutingContext rc, Throwable cause) {
        LOG.warnf("a page could not reach what it needs (%s)", cause.getClass().getSimpleName());
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        message(rc, 503, context(rc, null, null), "unavailable.title", "unavailable.text", null);
    }

    static String signInHref(RoutingContext rc) {
        String next = rc.request().method() == HttpMethod.GET ? rc.request().uri() : "/app/cases";
        return "/app/login?next=" + enc(next);
    }

    /** A {@code datetime-local} value, in the fund's time zone, as an instant; what cannot be read goes as typed (the API refuses it). */
    String instant(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.trim()).atZone(config.zone()).toInstant().toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
