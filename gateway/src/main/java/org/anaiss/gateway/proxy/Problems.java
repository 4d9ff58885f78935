package org.anaiss.gateway.proxy;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem+json answers written by the gateway itself. */
final class Problems {

    static final String TYPE_BASE = "https://anaiss.example/problems/";

    private Problems() {
    }

    static void send(RoutingContext rc, int status, String slug, String title, String detail) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", rc.request().path());
        String requestId = rc.get(ProxyRoutes.REQUEST_ID);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        var response = rc.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"anaiss\"");
        }
        response.end(body.encode());
    }
}
