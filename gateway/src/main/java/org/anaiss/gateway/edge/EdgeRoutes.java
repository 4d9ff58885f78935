package org.anaiss.gateway.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every request, before authentication: request id, trace context, route
 * template, CORS preflights; and what every answer gets when it is written, whoever writes it
 * (security and CORS headers, the request id, one access-log line).
 */
@ApplicationScoped
public class EdgeRoutes {

    /** Before Quarkus's authentication (order -200), so a 401 gets the same headers and log line. */
    static final int ORDER = -1_000;
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    // A client's request id is kept only if it is a plain token (it ends up in logs).
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    // The key Quarkus's HTTP metrics read the uri label from: the template, never the raw path.
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";

    private final GatewayConfig config;
    private final Cors cors;
    private final SecurityHeaders securityHeaders;
    private final RouteTemplate templates;
    private final MeterRegistry registry;
    private final UserPseudonyms pseudonyms;

    public EdgeRoutes(GatewayConfig config, MeterRegistry registry, UserPseudonyms pseudonyms) {
        this.config = config;
        this.cors = new Cors(config.cors());
        this.securityHeaders = new SecurityHeaders(config.securityHeaders());
        this.templates = new RouteTemplate(config.publicPaths());
        this.registry = registry;
        this.pseudonyms = pseudonyms;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = rc.normalizedPath();
        boolean api = path.startsWith("/api/") || path.equals("/api");
        TraceContext trace = TraceContext.forward(request.getHeader("traceparent"), request.getHeader("tracestate"));
        String link = linkPage(path);
        Exchange exchange = new Exchange(System.nanoTime(), requestId(request), trace, api ? templates.of(path) : link != null ? link : path);
        Exchange.attach(rc, exchange);
        if (api || link != null) {
            // never a link's token in a metric label
            putMetricsTemplate(exchange.route);
        }
        boolean overTls = ClientAddress.overTls(request, config.trustedProxyHops());
        rc.addHeadersEndHandler(v -> {
            var headers = rc.response().headers();
            headers.set(REQUEST_ID_HEADER, exchange.requestId);
            securityHeaders.apply(headers, exchange, api, overTls);
            cors.decorate(request, headers);
        });
        if (api) {
            rc.addEndHandler(ar -> ended(rc, exchange, ar.succeeded()));
        }
        if (Cors.isPreflight(request)) {
            cors.answerPreflight(rc);
            return;
        }
        rc.next();
    }

    /** The template of a person's page ({@code /o/{token}}, {@code /i/{token}/cancel}), or null for any other path. */
    static String linkPage(String path) {
        if (path.length() < 4 || path.charAt(0) != '/' || path.charAt(2) != '/' || (path.charAt(1) != 'o' && path.charAt(1) != 'i')) {
            return null;
        }
        int next = path.indexOf('/', 3);
        return path.substring(0, 3) + "{token}" + (next < 0 ? "" : path.substring(next));
    }

    private void ended(RoutingContext rc, Exchange exchange, boolean completed) {
        if (exchange.outcome() != null) {
            registry.counter("anaiss.gateway.refused", "group", exchange.group() == null ? "none" : exchange.group(),
                    "outcome", exchange.outcome()).increment();
        }
        if (config.accessLog().enabled()) {
            AccessLog.write(rc, exchange, completed, pseudonyms);
        }
    }

    private static String requestId(HttpServerRequest request) {
        String requestId = request.getHeader(REQUEST_ID_HEADER);
        if (requestId == null || !SAFE_REQUEST_ID.matcher(requestId).matches()) {
            // a correlation id, not a secret: a fast random UUID rather than SecureRandom's (a lock shared by all event loops)
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;
            long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(high, low).toString();
        }
        return requestId;
    }

    private static void putMetricsTemplate(String template) {
        try {
            ContextLocals.put(METRICS_TEMPLATE, template);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // not on a request's duplicated context: the metrics keep their own label
        }
    }
}
