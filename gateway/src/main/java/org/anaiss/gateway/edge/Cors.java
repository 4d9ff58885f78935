package org.anaiss.gateway.edge;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.anaiss.gateway.config.GatewayConfig;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-origin calls from browsers, for the origins of an allow-list only. Preflights are answered
 * here, before authentication (a browser sends them without a token); a refused one gets 403. On
 * actual calls an unlisted origin simply gets no CORS headers, so the browser withholds the answer:
 * with bearer tokens there is nothing a foreign page could make a browser send on its own.
 */
public final class Cors {

    private static final String WILDCARD = "*";
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String allowMethods;
    private final String allowHeaders;
    private final String exposeHeaders;
    private final boolean credentials;
    private final String maxAge;

    public Cors(GatewayConfig.Cors config) {
        List<String> configured = config.allowedOrigins().orElse(List.of());
        this.anyOrigin = configured.contains(WILDCARD);
        if (anyOrigin && config.allowCredentials()) {
            // the Fetch standard forbids it; a configuration asking for it is a mistake, refused at start
            throw new IllegalStateException("anaiss.gateway.cors: '*' cannot be combined with allow-credentials=true");
        }
        this.origins = configured.stream().filter(o -> !WILDCARD.equals(o)).map(Cors::checkedOrigin)
                .collect(Collectors.toUnmodifiableSet());
        this.methods = config.allowedMethods().stream().map(m -> m.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        this.headers = config.allowedHeaders().stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowMethods = String.join(", ", methods);
        this.allowHeaders = String.join(", ", config.allowedHeaders());
        this.exposeHeaders = String.join(", ", config.exposedHeaders());
        this.credentials = config.allowCredentials();
        this.maxAge = Long.toString(config.maxAge().toSeconds());
    }

    static boolean isPreflight(HttpServerRequest request) {
        return request.method() == HttpMethod.OPTIONS && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** Answers a preflight: 204 with the grants, or 403 problem+json. */
    void answerPreflight(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String origin = request.getHeader("Origin");
        String method = request.getHeader("Access-Control-Request-Method").trim().toUpperCase(Locale.ROOT);
        if (!allowed(origin) || !methods.contains(method) || !headersAllowed(request.getHeader("Access-Control-Request-Headers"))) {
            Problems.send(rc, 403, "cors-refused", "Cross-origin call refused",
                    "This origin, method or header is not allowed to call the API from a browser.");
            return;
        }
        rc.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Methods", allowMethods)
                .putHeader("Access-Control-Allow-Headers", allowHeaders)
                .putHeader("Access-Control-Max-Age", maxAge)
                .end();
    }

    /** Adds the CORS headers of an answer to an allowed origin. */
    void decorate(HttpServerRequest request, MultiMap responseHeaders) {
        String origin = request.getHeader("Origin");
        // every answer varies with Origin once CORS is on, so no cache serves one origin's to another
        if (anyOrigin || !origins.isEmpty()) {
            responseHeaders.add("Vary", "Origin");
        }
        if (origin == null || !allowed(origin)) {
            return;
        }
        responseHeaders.set("Access-Control-Allow-Origin", anyOrigin ? WILDCARD : origin);
        if (credentials) {
            responseHeaders.set("Access-Control-Allow-Credentials", "true");
        }
        if (!isPreflight(request)) {
            responseHeaders.set("Access-Control-Expose-Headers", exposeHeaders);
        }
    }

    private boolean allowed(String origin) {
        return anyOrigin || origins.contains(origin);
    }

    private boolean headersAllowed(String requested) {
        if (requested == null || requested.isBlank()) {
            return true;
        }
        for (String header : requested.split(",")) {
            String name = header.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !headers.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** An origin is a scheme, a host and maybe a port: nothing else may be compared with what browsers send. */
    private static String checkedOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("anaiss.gateway.cors.allowed-origins: not an origin: " + origin);
        }
        boolean plain = (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null && uri.getFragment() == null
                && uri.getUserInfo() == null;
        if (uri.getScheme() == null || uri.getHost() == null || !plain
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalStateException("anaiss.gateway.cors.allowed-origins: not an origin (scheme://host[:port]): " + origin);
        }
        return origin.trim();
    }
}
