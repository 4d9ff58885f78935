package org.anaiss.gateway.edge;

import java.time.Instant;

import org.jboss.logging.Logger;

import io.vertx.ext.web.RoutingContext;

/**
 * One JSON line per API request on the {@code anaiss.access} logger (its own handler prints the
 * line as it is). What is kept is listed here and nothing else: never the query string, a header,
 * a body, the raw path (it holds ids and single-use tokens), a username, a name, or the token's
 * subject (a user appears as the pseudonym of the day, see {@link UserPseudonyms}).
 */
final class AccessLog {

    static final String CATEGORY = "anaiss.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private AccessLog() {
    }

    static void write(RoutingContext rc, Exchange exchange, boolean completed, UserPseudonyms pseudonyms) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Caller caller = Caller.of(rc);
        String user = caller == null || caller.subject() == null ? null : pseudonyms.of(caller.subject());
        LOG.info(line(rc, exchange, completed, caller, user, System.nanoTime()));
    }

    /**
     * The line as JSON text, written field by field: one line per request on the event loop, so no
     * map and no generic serializer (they cost more than the rest of the line).
     */
    static String line(RoutingContext rc, Exchange exchange, boolean completed, Caller caller, String user, long nowNanos) {
        long micros = (nowNanos - exchange.startNanos) / 1_000;
        StringBuilder line = new StringBuilder(384).append('{');
        string(line, "time", Instant.now().toString()).append(',');
        string(line, "log", "access").append(',');
        string(line, "requestId", exchange.requestId).append(',');
        string(line, "traceId", exchange.trace.traceId()).append(',');
        string(line, "method", rc.request().method().name()).append(',');
        string(line, "route", exchange.route).append(',');
        line.append("\"status\":").append(rc.response().getStatusCode())
                .append(",\"latencyMs\":").append(micros / 1000.0)
                .append(",\"bytesOut\":").append(rc.response().bytesWritten());
        if (!completed) {
            // the client went away before the answer was complete
            line.append(",\"aborted\":true");
        }
        if (caller != null) {
            string(line.append(','), "clientId", caller.clientId());
            if (user != null) {
                // the day's pseudonym of the subject (UserPseudonyms), never the subject itself
                string(line.append(','), "user", user);
            }
        }
        if (exchange.group() != null) {
            string(line.append(','), "group", exchange.group());
        }
        if (exchange.upstream() != null) {
            string(line.append(','), "upstream", exchange.upstream());
        }
        if (exchange.outcome() != null) {
            string(line.append(','), "outcome", exchange.outcome());
        }
        return line.append('}').toString();
    }

    /** {@code "name":"value"}, the value escaped as RFC 8259 requires (it may come from a token). */
    static StringBuilder string(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
