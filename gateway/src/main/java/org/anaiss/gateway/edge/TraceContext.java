package org.anaiss.gateway.edge;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the gateway is a span of the trace. A
 * valid incoming {@code traceparent} keeps its trace id and flags (and its {@code tracestate});
 * anything else starts a new trace. Either way the services get the gateway's own span id as parent.
 */
public record TraceContext(String traceId, String spanId, String flags, String tracestate) {

    private static final Pattern TRACEPARENT = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    // W3C: vendors must accept 512 characters of tracestate; longer ones may be dropped whole.
    private static final int MAX_TRACESTATE = 512;
    private static final String SAMPLED = "01";

    /** The context to forward for a request that came with these headers (either may be null). */
    public static TraceContext forward(String traceparent, String tracestate) {
        // with OpenTelemetry on, the gateway's span is the server span it exports (it continued a valid incoming
        // traceparent already): the services become its children, in the same trace
        Span span = Span.current();
        SpanContext current = span.getSpanContext();
        if (span.isRecording() && current.isValid()) {
            String state = tracestate == null || tracestate.length() > MAX_TRACESTATE ? null : tracestate;
            return new TraceContext(current.getTraceId(), current.getSpanId(), current.getTraceFlags().asHex(), state);
        }
        String spanId = newSpanId();
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && valid(m.group(1), m.group(2), m.group(3), m.group(5))) {
                String state = tracestate == null || tracestate.length() > MAX_TRACESTATE ? null : tracestate;
                return new TraceContext(m.group(2), spanId, m.group(4), state);
            }
        }
        return new TraceContext(newTraceId(), spanId, SAMPLED, null);
    }

    /** The {@code traceparent} header for the services: this trace, the gateway's span as parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static boolean valid(String version, String traceId, String parentId, String rest) {
        if ("ff".equals(version) || ZERO_TRACE.equals(traceId) || ZERO_SPAN.equals(parentId)) {
            return false;
        }
        // Version 00 has exactly four fields; a later version may add fields after a dash.
        return rest == null || !"00".equals(version);
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1;
        }
        return hex(high) + hex(low);
    }

    private static String newSpanId() {
        long id = ThreadLocalRandom.current().nextLong();
        return hex(id == 0 ? 1 : id);
    }

    private static String hex(long value) {
        String s = Long.toHexString(value);
        return "0".repeat(16 - s.length()) + s;
    }
}
