package org.anaiss.gateway.proxy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's forwarding: each route group goes to one service, the body streamed both
 * ways (never buffered), the bearer token kept, a request id added. A request without a
 * valid token is answered 401 at the edge and never reaches a service (which checks it again).
 */
@ApplicationScoped
public class ProxyRoutes {

    static final String REQUEST_ID = "anaiss.request-id";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ProxyRoutes.class);
    // A client's request id is kept only if it is a plain token (it ends up in logs).
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    // RFC 9110 section 7.6.1: hop-by-hop headers are not forwarded.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    void register(@Observes Router router, Vertx vertx, GatewayConfig config) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(config.maxConnectionsPerService())
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        Upstream cases = Upstream.of("case-service", config.caseServiceUrl());
        Upstream outreach = Upstream.of("outreach-service", config.outreachServiceUrl());
        Upstream stats = Upstream.of("stats-service", config.statsServiceUrl());
        List<Object[]> groups = List.of(
                new Object[] { "/api/cases", cases },
                new Object[] { "/api/outreach", outreach },
                new Object[] { "/api/partners", outreach },
                new Object[] { "/api/stats", stats });
        long idleTimeout = config.idleTimeout().toMillis();
        // Links mailed to people who have no account (answer to an offer, register for a session):
        // no token here; the service checks the single-use token in the path. Registered first, so
        // they win over the authenticated group below.
        for (String publicPrefix : config.publicPaths()) {
            router.routeWithRegex("^" + Pattern.quote(publicPrefix) + "(/.*)?$")
                    .handler(rc -> {
                        rc.request().pause();
                        assignRequestId(rc);
                        forward(rc, client, outreach, idleTimeout);
                    });
        }
        for (Object[] group : groups) {
            String prefix = (String) group[0];
            Upstream upstream = (Upstream) group[1];
            router.routeWithRegex("^" + Pattern.quote(prefix) + "(/.*)?$")
                    .handler(rc -> authenticateThenForward(rc, client, upstream, idleTimeout));
        }
    }

    private void authenticateThenForward(RoutingContext rc, HttpClient client, Upstream upstream, long idleTimeout) {
        HttpServerRequest request = rc.request();
        // Hold the body until the upstream request is ready to take it.
        request.pause();
        assignRequestId(rc);
        // Authentication is proactive: an invalid token never gets here (see AuthenticationFailures).
        if (!(rc.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            Problems.send(rc, 401, "unauthenticated", "Authentication required",
                    "This API needs a bearer token issued by the ANAISS Keycloak realm.");
            return;
        }
        forward(rc, client, upstream, idleTimeout);
    }

    private static void assignRequestId(RoutingContext rc) {
        String requestId = rc.request().getHeader(REQUEST_ID_HEADER);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            requestId = UUID.randomUUID().toString();
        }
        rc.put(REQUEST_ID, requestId);
        rc.response().putHeader(REQUEST_ID_HEADER, requestId);
    }

    private void forward(RoutingContext rc, HttpClient client, Upstream upstream, long idleTimeout) {
        HttpServerRequest request = rc.request();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.tls())
                .setURI(request.uri())
                .setIdleTimeout(idleTimeout)
                .setHeaders(MultiMap.caseInsensitiveMultiMap());
        copyHeaders(request.headers(), options.getHeaders());
        options.putHeader(REQUEST_ID_HEADER, (String) rc.get(REQUEST_ID));
        options.putHeader("X-Forwarded-For", request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
        options.putHeader("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            options.putHeader("X-Forwarded-Host", request.authority().toString());
        }
        boolean hasBody = request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);

        client.request(options)
                .compose(upstreamRequest -> hasBody ? upstreamRequest.send(request) : upstreamRequest.send())
                .onSuccess(upstreamResponse -> relay(rc, upstreamResponse))
                .onFailure(failure -> upstreamFailed(rc, upstream, failure));
    }

    private void relay(RoutingContext rc, HttpClientResponse upstreamResponse) {
        HttpServerResponse response = rc.response();
        if (response.closed()) {
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        response.setStatusMessage(upstreamResponse.statusMessage());
        copyHeaders(upstreamResponse.headers(), response.headers());
        if (!upstreamResponse.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        upstreamResponse.pipeTo(response);
    }

    private void upstreamFailed(RoutingContext rc, Upstream upstream, Throwable failure) {
        // No body and no path in the log: only what failed and why, in the service's terms.
        LOG.warnf("request %s to %s failed: %s", rc.<String>get(REQUEST_ID), upstream.name(), failure.getClass().getSimpleName());
        String message = String.valueOf(failure.getMessage()).toLowerCase();
        if (message.contains("timeout") || message.contains("timed out")) {
            Problems.send(rc, 504, "upstream-timeout", "Service did not answer in time",
                    upstream.name() + " did not answer in time.");
        } else {
            Problems.send(rc, 503, "upstream-unavailable", "Service unavailable",
                    upstream.name() + " cannot be reached right now; try again later.");
        }
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
