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

    private final GatewayConfig config;
    private final Services services;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final Pattern uploads;
    private final long uploadMaxBytes;

    public ProxyRoutes(GatewayConfig config, Services services) {
        this.config = config;
        this.services = services;
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
        String client;
        if (group.requiresToken()) {
            // Authentication is proactive: an invalid token never gets here (see AuthenticationFailures).
            Caller caller = Caller.of(rc);
            if (caller == null) {
                Problems.send(rc, 401, "unauthenticated", "Authentication required",
                        "This API needs a bearer token issued by the ANAISS Keycloak realm.");
                return;
            }
            client = caller.rateKey();
        } else {
            client = "address:" + ClientAddress.of(request, config.trustedProxyHops());
        }
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
                config.trustedProxyHops()).start();
    }

    private long maxBodyBytes(RoutingContext rc, RouteGroup group) {
        if (rc.request().method() == HttpMethod.POST && uploads.matcher(rc.normalizedPath()).matches()) {
            return uploadMaxBytes;
        }
        return group.maxBodyBytes();
    }
}
