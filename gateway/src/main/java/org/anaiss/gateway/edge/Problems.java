package org.anaiss.gateway.edge;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * RFC 9457 problem+json answers written by the gateway itself. Details never echo what the client
 * sent (a path may hold a token, a body a NIR).
 */
public final class Problems {

    public static final String TYPE_BASE = "https://anaiss.example/problems/";

    private Problems() {
    }

    public static void send(RoutingContext rc, int status, String slug, String title, String detail) {
        send(rc, status, slug, title, detail, 0);
    }

    /** With {@code Retry-After} in seconds when above zero (429, 503). */
    public static void send(RoutingContext rc, int status, String slug, String title, String detail, long retryAfterSeconds) {
        Exchange exchange = Exchange.of(rc);
        if (exchange != null) {
            exchange.outcome(slug);
        }
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // too late for a problem: the answer has begun; the client sees it cut short
            response.reset();
            return;
        }
        if (response.ended() || response.closed()) {
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", exchange != null ? exchange.route : "/");
        if (exchange != null) {
            body.put("requestId", exchange.requestId());
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"anaiss\"");
        }
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        boolean pending = UnreadBody.pending(rc);
        response.end(body.encode()).onComplete(ar -> {
            if (pending) {
                UnreadBody.discardThenClose(rc);
            } else if (!rc.request().isEnded()) {
                // a bodiless request still paused: let its end through so the connection serves the next one
                rc.request().resume();
            }
        });
    }
}
