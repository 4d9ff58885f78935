package org.anaiss.gateway.edge;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One JSON line per API request on the {@code anaiss.access} logger (its own handler prints the
 * line as it is). What is kept is listed here and nothing else: never the query string, a header,
 * a body, the raw path (it holds ids and single-use tokens), a username or a name.
 */
final class AccessLog {

    static final String CATEGORY = "anaiss.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    static void write(RoutingContext rc, Exchange exchange, boolean completed) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(line(rc, exchange, completed, Caller.of(rc), System.nanoTime()).encode());
    }

    static JsonObject line(RoutingContext rc, Exchange exchange, boolean completed, Caller caller, long nowNanos) {
        long micros = (nowNanos - exchange.startNanos) / 1_000;
        JsonObject line = new JsonObject()
                .put("time", Instant.now().toString())
                .put("log", "access")
                .put("requestId", exchange.requestId)
                .put("traceId", exchange.trace.traceId())
                .put("method", rc.request().method().name())
                .put("route", exchange.route)
                .put("status", rc.response().getStatusCode())
                .put("latencyMs", micros / 1000.0)
                .put("bytesOut", rc.response().bytesWritten());
        if (!completed) {
            // the client went away before the answer was complete
            line.put("aborted", true);
        }
        if (caller != null) {
            line.put("clientId", caller.clientId());
            if (caller.subject() != null) {
                line.put("subject", caller.subject());
            }
        }
        putIfSet(line, "group", exchange.group());
        putIfSet(line, "upstream", exchange.upstream());
        putIfSet(line, "outcome", exchange.outcome());
        return line;
    }

    private static void putIfSet(JsonObject line, String key, String value) {
        if (value != null) {
            line.put(key, value);
        }
    }
}
