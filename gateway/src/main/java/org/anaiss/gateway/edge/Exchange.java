package org.anaiss.gateway.edge;

import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway learns about one request as it goes through the handlers, kept on the routing
 * context for the answer's headers and the access log.
 */
public final class Exchange {

    private static final String KEY = "anaiss.exchange";

    final long startNanos;
    final String requestId;
    final TraceContext trace;
    final String route;
    private String group;
    private String upstream;
    private String outcome;
    private boolean personalData = true;
    private String contentSecurityPolicy = SecurityHeaders.API_CSP;

    Exchange(long startNanos, String requestId, TraceContext trace, String route) {
        this.startNanos = startNanos;
        this.requestId = requestId;
        this.trace = trace;
        this.route = route;
    }

    /** The exchange of this request; every request passes the edge handler first, so it exists. */
    public static Exchange of(RoutingContext rc) {
        return rc.get(KEY);
    }

    static void attach(RoutingContext rc, Exchange exchange) {
        rc.put(KEY, exchange);
    }

    public String requestId() {
        return requestId;
    }

    public TraceContext trace() {
        return trace;
    }

    /** The route group and the service it goes to. */
    public void routedTo(String group, String upstream, boolean personalData) {
        this.group = group;
        this.upstream = upstream;
        this.personalData = personalData;
    }

    /** The slug of the problem the gateway answered itself (rate-limited, too large, upstream timeout...). */
    public void outcome(String slug) {
        this.outcome = slug;
    }

    /** A page rather than an API answer (the documentation): its own content security policy. */
    public void page(String contentSecurityPolicy) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.personalData = false;
    }

    String group() {
        return group;
    }

    String upstream() {
        return upstream;
    }

    String outcome() {
        return outcome;
    }

    boolean personalData() {
        return personalData;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }
}
