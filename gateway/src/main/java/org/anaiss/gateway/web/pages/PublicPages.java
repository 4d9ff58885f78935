package org.anaiss.gateway.web.pages;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.limits.RateLimiter;
import org.anaiss.gateway.proxy.ProxyRoutes;
import org.anaiss.gateway.proxy.Services;
import org.anaiss.gateway.web.WebConfig;
import org.anaiss.gateway.web.assets.WebAssets;
import org.anaiss.gateway.web.session.Sessions;
import org.jboss.logging.Logger;

import io.quarkus.qute.TemplateInstance;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The pages of the people the suite writes to, at the short links printed in letters and mails:
 * {@code /o/{token}} (an offer: accept, not now, decline, or object) and {@code /i/{token}} (an
 * invitation to a collective action: register, waiting list, calendar, cancel). No account, no
 * session, no cookie, no script: the link's token is the key, outreach-service's public JSON API does
 * the work (the same service logic as any other client), and every form carries a CSRF token derived
 * from the link's token. Rate-limited per client address with the public API (one budget).
 * A browser following a link printed before these pages ({@code /api/outreach/answers/{token}},
 * {@code /api/outreach/registrations/{token}}) is sent to the same page; other clients get the JSON.
 */
@ApplicationScoped
public class PublicPages {

    private static final Logger LOG = Logger.getLogger(PublicPages.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int FORM_LIMIT = 8 * 1024;
    static final Set<String> DONE = Set.of("accepted", "declined", "postponed", "objection", "cancelled");
    /** Before the proxy's routes (default order), after the edge (-1000) and the authentication (-200). */
    private static final int ORDER_OLD_LINKS = -50;

    private final Sessions sessions;
    private final ProxyRoutes proxy;
    private final WebAssets assets;
    private final WebConfig config;
    private final Services services;
    private final PageContext.Brand brand;
    private final RegionPhones regionPhones;
    private final String csp;
    private CaseApi outreach;

    public PublicPages(Sessions sessions, ProxyRoutes proxy, WebAssets assets, WebConfig config, Services services) {
        this.services = services;
        this.sessions = sessions;
        this.proxy = proxy;
        this.assets = assets;
        this.config = config;
        WebConfig.Brand b = config.brand();
        this.brand = new PageContext.Brand(b.fundName(), b.phone().orElse(null), b.address().orElse(null), b.logoUrl());
        this.regionPhones = RegionPhones.parse(b.regionPhones());
        String logo = b.logoUrl().startsWith("http") ? " " + java.net.URI.create(b.logoUrl()).resolve("/").toString().replaceAll("/$", "") : "";
        // no script at all on these pages; forms post to the gateway only
        this.csp = "default-src 'none'; style-src 'self'; img-src 'self' data:" + logo
                + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    void register(@Observes Router router, Vertx vertx) {
        this.outreach = new CaseApi(WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(16).setKeepAlive(true)
                .setKeepAliveTimeout(30)), services.outreach());
        router.getWithRegex("^/api/outreach/(answers|registrations)/([^/]+)$").order(ORDER_OLD_LINKS).handler(this::oldLink);
        router.post("/o/*").handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
        router.post("/i/*").handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT));
        router.get("/o/:token").handler(limited(this::offer));
        router.post("/o/:token").handler(limited(form(this::answer)));
        router.post("/o/:token/objection").handler(limited(form(this::object)));
        router.get("/o/:token/ok/:what").handler(limited(this::done));
        router.get("/i/:token").handler(limited(this::invitation));
        router.post("/i/:token").handler(limited(form(this::registerTo)));
        router.post("/i/:token/cancel").handler(limited(form(this::cancel)));
        router.get("/i/:token/ok/:what").handler(limited(this::done));
        router.route("/o/*").handler(limited(rc -> gone(rc, 404)));
        router.route("/i/*").handler(limited(rc -> gone(rc, 404)));
    }

    // ------------------------------------------------------------------ old links, limits, forms

    /** A browser (it asks for HTML first) following a link printed before these pages: the same page. */
    private void oldLink(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        String token = rc.pathParam("param1");
        if (accept == null || !accept.contains("text/html") || token == null || !TOKEN.matcher(token).matches()) {
            rc.next();
            return;
        }
        Html.redirect(rc, ("answers".equals(rc.pathParam("param0")) ? "/o/" : "/i/") + token);
    }

    /** The public links' budget per client address, shared with the public API: a page in words when spent. */
    private Handler<RoutingContext> limited(Handler<RoutingContext> handler) {
        return rc -> {
            RateLimiter.Decision decision = proxy.acquirePublic(rc);
            if (!decision.allowed()) {
                rc.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
                message(rc, 429, context(rc, null), "public.busy.title", "public.busy.text");
                return;
            }
            try {
                handler.handle(rc);
            } catch (RuntimeException e) {
                LOG.errorf("a public page failed (%s)", e.getClass().getSimpleName());
                LOG.debug("public page failure", e);
                message(rc, 500, context(rc, null), "public.error.title", "public.error.text");
            }
        };
    }

    /**
     * A form of a public page: a well-formed link, its CSRF token, and no other site named by the browser.
     * A forged or stale form changes nothing and says so.
     */
    private Handler<RoutingContext> form(Handler<RoutingContext> handler) {
        return rc -> {
            String token = rc.pathParam("token");
            if (!TOKEN.matcher(token).matches()) {
                gone(rc, 404);
                return;
            }
            if (!sessions.sameOriginOrUnnamed(rc) || !sessions.linkCsrfValid(token, rc.request().getFormAttribute("_csrf"))) {
                message(rc, 403, context(rc, token), "public.refused.title", "public.refused.text");
                return;
            }
            handler.handle(rc);
        };
    }

    // ------------------------------------------------------------------ offer

    private void offer(RoutingContext rc) {
        offerPage(rc, 200, null);
    }

    private void offerPage(RoutingContext rc, int status, String error) {
        String token = rc.pathParam("token");
        if (!TOKEN.matcher(token).matches()) {
            gone(rc, 404);
            return;
        }
        outreach.get(rc, null, "/api/outreach/answers/" + token, null, Api.Offer.class).onComplete(ar -> {
            if (refused(rc, ar)) {
                return;
            }
            Api.Offer offer = ar.result().value();
            render(rc, status, PublicTemplates.pubOffer(context(rc, token, offer.region()), token, offer,
                    regionPhones.known(offer.region()).orElse(""), error));
        });
    }

    private void answer(RoutingContext rc) {
        String token = rc.pathParam("token");
        MultiMap form = rc.request().formAttributes();
        String choice = form.get("choice");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response", choice);
        if ("ACCEPTED".equals(choice)) {
            String slot = form.get("slot");
            body.put("preferredContactSlot", slot == null || slot.isBlank() ? null : slot.trim());
        } else if ("POSTPONED".equals(choice)) {
            LocalDate until = date(form.get("postponedUntil"));
            if (until == null) {
                offerPage(rc, 400, "public.offer.later.invalid");
                return;
            }
            body.put("postponedUntil", until.toString());
        } else if (!"DECLINED".equals(choice)) {
            offerPage(rc, 400, "public.offer.choose");
            return;
        }
        outreach.send(rc, HttpMethod.POST, null, "/api/outreach/answers/" + token, body, Void.class).onComplete(ar -> {
            if (ar.succeeded() && !ar.result().ok() && ar.result().problem().status() == 400) {
                offerPage(rc, 400, "POSTPONED".equals(choice) ? "public.offer.later.invalid" : "public.offer.choose");
                return;
            }
            if (refused(rc, ar)) {
                return;
            }
            Html.redirect(rc, "/o/" + token + "/ok/" + choice.toLowerCase() + query(rc));
        });
    }

    private void object(RoutingContext rc) {
        String token = rc.pathParam("token");
        outreach.send(rc, HttpMethod.POST, null, "/api/outreach/answers/" + token + "/objection", null, Void.class).onComplete(ar -> {
            if (refused(rc, ar)) {
                return;
            }
            Html.redirect(rc, "/o/" + token + "/ok/objection" + query(rc));
        });
    }

    // ------------------------------------------------------------------ invitation

    private void invitation(RoutingContext rc) {
        String token = rc.pathParam("token");
        if (!TOKEN.matcher(token).matches()) {
            gone(rc, 404);
            return;
        }
        invitationPage(rc, token, 200, null);
    }

    private void invitationPage(RoutingContext rc, String token, int status, String error) {
        outreach.get(rc, null, "/api/outreach/registrations/" + token, null, Api.Invitation.class).onComplete(ar -> {
            if (refused(rc, ar)) {
                return;
            }
            String ok = rc.request().getParam("ok");
            PageContext ctx = context(rc, token);
            if ("registered".equals(ok) || "waiting".equals(ok)) {
                ctx = ctx.with("waiting".equals(ok) ? "public.flash.waiting" : "public.flash.registered", null);
            }
            render(rc, status, PublicTemplates.pubInvitation(ctx, token, ar.result().value(), error));
        });
    }

    private void registerTo(RoutingContext rc) {
        String token = rc.pathParam("token");
        String session = rc.request().getFormAttribute("sessionId");
        if (session == null || !session.matches("[0-9a-fA-F-]{36}")) {
            invitationPage(rc, token, 400, "public.invitation.chooseSession");
            return;
        }
        outreach.send(rc, HttpMethod.POST, null, "/api/outreach/registrations/" + token, Map.of("sessionId", session), Api.Mine.class)
                .onComplete(ar -> {
                    if (ar.succeeded() && !ar.result().ok() && ar.result().problem().status() == 409) {
                        // already registered (a second click, another tab): the page shows the registration
                        invitationPage(rc, token, 409, "public.invitation.already");
                        return;
                    }
                    if (ar.succeeded() && !ar.result().ok() && ar.result().problem().status() == 400) {
                        invitationPage(rc, token, 400, "public.invitation.chooseSession");
                        return;
                    }
                    if (refused(rc, ar)) {
                        return;
                    }
                    Html.redirect(rc, "/i/" + token + "?ok=" + (ar.result().value().waiting() ? "waiting" : "registered") + lang(rc, '&'));
                });
    }

    private void cancel(RoutingContext rc) {
        String token = rc.pathParam("token");
        outreach.send(rc, HttpMethod.POST, null, "/api/outreach/registrations/" + token + "/cancel", null, Api.Mine.class)
                .onComplete(ar -> {
                    if (ar.succeeded() && !ar.result().ok() && ar.result().problem().status() == 409) {
                        invitationPage(rc, token, 409, "public.invitation.started");
                        return;
                    }
                    if (refused(rc, ar)) {
                        return;
                    }
                    Html.redirect(rc, "/i/" + token + "/ok/cancelled" + lang(rc, '?'));
                });
    }

    // ------------------------------------------------------------------ confirmations and refusals

    /** What happens next, after an answer: the page needs nothing of the (now used) link. */
    private void done(RoutingContext rc) {
        String what = rc.pathParam("what");
        if (!DONE.contains(what) || !TOKEN.matcher(rc.pathParam("token")).matches()) {
            gone(rc, 404);
            return;
        }
        render(rc, 200, PublicTemplates.pubDone(context(rc, null, rc.request().getParam("r")), what));
    }

    /**
     * The service's refusal as a page: a used or expired link 410, an unknown one 404, anything else
     * a page saying nothing was changed. Answers whether it wrote the page.
     */
    private <T> boolean refused(RoutingContext rc, AsyncResult<CaseApi.Result<T>> ar) {
        if (ar.failed()) {
            LOG.warnf("a public page could not reach outreach-service (%s)", ar.cause().getClass().getSimpleName());
            message(rc, 503, context(rc, null), "public.unavailable.title", "public.unavailable.text");
            return true;
        }
        if (ar.result().ok()) {
            return false;
        }
        Api.Problem problem = ar.result().problem();
        if (problem.status() == 404) {
            gone(rc, Boolean.TRUE.equals(problem.gone()) ? 410 : 404);
        } else if (problem.status() == 409) {
            message(rc, 409, context(rc, null), "public.conflict.title", "public.conflict.text");
        } else if (problem.status() == 429) {
            message(rc, 429, context(rc, null), "public.busy.title", "public.busy.text");
        } else if (problem.status() >= 500) {
            message(rc, 503, context(rc, null), "public.unavailable.title", "public.unavailable.text");
        } else {
            message(rc, problem.status() >= 400 ? problem.status() : 502, context(rc, null), "public.error.title", "public.error.text");
        }
        return true;
    }

    private void gone(RoutingContext rc, int status) {
        render(rc, status, PublicTemplates.pubGone(context(rc, null), status == 410));
    }

    private void message(RoutingContext rc, int status, PageContext ctx, String title, String text) {
        render(rc, status, PublicTemplates.pubMessage(ctx, title, text));
    }

    // ------------------------------------------------------------------ rendering

    /** French first; English when the link or a form asks for it ({@code lang=en}). The CSRF token is the link's. */
    private PageContext context(RoutingContext rc, String token) {
        return context(rc, token, null);
    }

    /** With the region of the offer when the page knows it: that region's social service's number, if configured. */
    private PageContext context(RoutingContext rc, String token, String region) {
        Messages m = Messages.of(language(rc));
        String path = rc.request().method() == HttpMethod.GET ? rc.normalizedPath() : null;
        PageContext.Brand b = regionPhones.of(region).map(phone -> new PageContext.Brand(brand.fundName(), phone, brand.address(),
                brand.logoUrl())).orElse(brand);
        return new PageContext(m, null, token == null ? null : sessions.linkCsrfToken(token), b, null, path, assets.version(), null,
                null, config.zone());
    }

    /** The confirmation page's query: the language, and the offer's region (sent back by the form) when it has a number. */
    private String query(RoutingContext rc) {
        String lang = lang(rc, '&');
        String region = regionPhones.known(rc.request().getFormAttribute("r")).map(r -> "&r=" + r).orElse("");
        String q = lang + region;
        return q.isEmpty() ? "" : "?" + q.substring(1);
    }

    static String language(RoutingContext rc) {
        String lang = rc.request().getParam("lang");
        if (lang == null && rc.request().method() == HttpMethod.POST) {
            lang = rc.request().getFormAttribute("lang");
        }
        return "en".equals(lang) ? "en" : Messages.FRENCH;
    }

    private static String lang(RoutingContext rc, char separator) {
        return "en".equals(language(rc)) ? separator + "lang=en" : "";
    }

    private void render(RoutingContext rc, int status, TemplateInstance page) {
        String html;
        try {
            html = page.render();
        } catch (RuntimeException e) {
            LOG.errorf("a public page could not be rendered (%s)", e.getClass().getSimpleName());
            LOG.debug("rendering failure", e);
            rc.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Erreur interne / Internal error");
            return;
        }
        Html.send(rc, status, html, csp);
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
