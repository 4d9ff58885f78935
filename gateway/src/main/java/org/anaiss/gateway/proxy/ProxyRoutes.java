package org.anaiss.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.anaiss.gateway.edge.Caller;
import org.anaiss.gateway.edge.ClientAddress;
import org.anaiss.gateway.edge.Exchange;
import org.anaiss.gateway.edge.Problems;
import org.anaiss.gateway.limits.RateLimiter;
import org.anaiss.gateway.resilience.RetryPolicy;
import org.anaiss.gateway.web.WebConfig;
import org.anaiss.gateway.web.session.Sessions;
import org.anaiss.gateway.web.session.WebSession;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's forwarding: each route group goes to one service. Before anything reaches a service:
 * the token (checked by the proactive authentication, then required here), the client's rate on this
 * group (429), the declared body size (413). A request without a valid token is answered 401 at the
 * edge and never reaches a service, which checks the token again itself.
 */
@ApplicationScoped
public class ProxyRoutes {

    /** After every specific /api route (documentation, groups): anything else under /api is unknown. */
    static final int ORDER_UNKNOWN_API = 100_000;
    private static final long SWEEP_MILLIS = 60_000;

    /** The header a page of the staff application sends its CSRF token in, with the session cookie. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final GatewayConfig config;
    private final Services services;
    private final Sessions sessions;
    private final String webClientId;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final Pattern uploads;
    private final long uploadMaxBytes;

    public ProxyRoutes(GatewayConfig config, Services services, Sessions sessions, WebConfig web) {
        this.config = config;
        this.services = services;
        this.sessions = sessions;
        this.webClientId = web.clientId();
        this.limiter = new RateLimiter(config.rateLimiting().maxTrackedClients(), System::nanoTime);
        this.retry = new RetryPolicy(config.retry().maxRetries(), config.retry().backoff());
        this.uploads = Pattern.compile(config.uploads().pathPattern());
        this.uploadMaxBytes = config.uploads().maxBodySize().asLongValue();
    }

    void register(@Observes Router router, Vertx vertx) {
        // Links mailed to people who have no account (answer to an offer, register for a session):
        // no token here; the service checks the single-use token in the path. Registered first, so
        // they win over the authenticated group below.
        for (RouteGroup group : groups()) {
            router.routeWithRegex("^" + Pattern.quote(group.prefix()) + "(/.*)?$").handler(rc -> handle(rc, group));
        }
        router.routeWithRegex("^/api(/.*)?$").order(ORDER_UNKNOWN_API).handler(rc -> Problems.send(rc, 404, "not-found",
                "Not found", "No API answers at this path."));
        vertx.setPeriodic(SWEEP_MILLIS, id -> limiter.sweep());
    }

    /** The public links first (they lie under /api/outreach), then the groups that need a token. */
    List<RouteGroup> groups() {
        GatewayConfig.Groups g = config.groups();
        List<RouteGroup> groups = new ArrayList<>();
        for (String publicPrefix : config.publicPaths()) {
            groups.add(RouteGroup.of("public", publicPrefix, services.outreach(), false, g.publicLinks()));
        }
        groups.add(RouteGroup.of("cases", "/api/cases", services.cases(), true, g.cases()));
        groups.add(RouteGroup.of("outreach", "/api/outreach", services.outreach(), true, g.outreach()));
        groups.add(RouteGroup.of("partners", "/api/partners", services.outreach(), true, g.partners()));
        groups.add(RouteGroup.of("stats", "/api/stats", services.stats(), true, g.stats()));
        return groups;
    }

    private void handle(RoutingContext rc, RouteGroup group) {
        HttpServerRequest request = rc.request();
        // Hold the body until the service's request is ready to take it.
        request.pause();
        Exchange.of(rc).routedTo(group.name(), group.upstream().name(), group.personalData());
        if (group.requiresToken()) {
            // Authentication is proactive: an invalid token never gets here (see AuthenticationFailures).
            Caller caller = Caller.of(rc);
            if (caller != null) {
                forward(rc, group, caller.rateKey(), null);
            } else if (request.getCookie(Sessions.COOKIE) != null) {
                viaSession(rc, group);
            } else {
                Problems.send(rc, 401, "unauthenticated", "Authentication required",
                        "This API needs a bearer token issued by the ANAISS Keycloak realm.");
            }
        } else {
            forward(rc, group, "address:" + ClientAddress.of(request, config.trustedProxyHops()), null);
        }
    }

    /**
     * A call from a page of the staff application: no token, the session cookie instead. The gateway
     * forwards it with the user's own access token, so the service checks role and scope as for any
     * client, but only when the request proves it comes from one of our pages: the session's CSRF token
     * in {@value #CSRF_HEADER} (a header no other site can make a browser send), and no foreign origin.
     */
    private void viaSession(RoutingContext rc, RouteGroup group) {
        sessions.current(rc).onComplete(ar -> {
            if (ar.failed()) {
                Problems.send(rc, 503, "sessions-unavailable", "Sessions unavailable",
                        "The sessions of the web application cannot be read right now; try again later.");
                return;
            }
            WebSession session = ar.result();
            if (session == null) {
                Problems.send(rc, 401, "unauthenticated", "Authentication required",
                        "The session has ended, or this API needs a bearer token issued by the ANAISS Keycloak realm.");
                return;
            }
            if (!sessions.csrfValid(session, rc.request().getHeader(CSRF_HEADER)) || !sessions.sameOriginOrUnnamed(rc)) {
                Problems.send(rc, 403, "csrf-refused", "Request refused",
                        "A call with the session cookie must come from a page of the application, with its CSRF token.");
                return;
            }
            Caller caller = new Caller(webClientId, session.profile().subject(), false);
            Caller.remember(rc, caller);
            forward(rc, group, caller.rateKey(), session.tokens().access());
        });
    }

    /**
     * One request of the public links' budget of the client's address: the people's pages ({@code /o/},
     * {@code /i/}) share it with the public API they call.
     */
    public RateLimiter.Decision acquirePublic(RoutingContext rc) {
        if (!config.rateLimiting().enabled()) {
            return new RateLimiter.Decision(true, java.time.Duration.ZERO);
        }
        GatewayConfig.Group g = config.groups().publicLinks();
        return limiter.acquire("public", "address:" + ClientAddress.of(rc.request(), config.trustedProxyHops()),
                new RateLimiter.Limit(g.rateLimit().burst(), g.rateLimit().perSecond()));
    }

    private void forward(RoutingContext rc, RouteGroup group, String client, String bearer) {
        HttpServerRequest request = rc.request();
        if (config.rateLimiting().enabled()) {
            RateLimiter.Decision decision = limiter.acquire(group.name(), client, group.limit());
            if (!decision.allowed()) {
                Problems.send(rc, 429, "rate-limited", "Too many requests",
                        "Too many requests from this client for this part of the API; retry after the delay in Retry-After.",
                        decision.retryAfterSeconds());
                return;
            }
        }
        long maxBody = maxBodyBytes(rc, group);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                Problems.send(rc, 400, "invalid-request", "Invalid request", "The Content-Length header is not a number.");
                return;
            }
            if (declared > maxBody) {
                Forwarding.tooLarge(rc, maxBody);
                return;
            }
        }
        new Forwarding(rc, group, services.client(), retry, maxBody, config.connectTimeout().toMillis(),
                config.trustedProxyHops(), bearer).start();
    }

    private long maxBodyBytes(RoutingContext rc, RouteGroup group) {
        if (rc.request().method() == HttpMethod.POST && uploads.matcher(rc.normalizedPath()).matches()) {
            return uploadMaxBytes;
        }
        return group.maxBodyBytes();
    }
}
