package org.anaiss.platform.telemetry;

import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C trace context to keep with work done later on behalf of a request (an outbox event relayed after the
 * request ended): the relay makes it the parent of the Kafka producer span, so the consumer's span continues the
 * request's trace.
 */
public final class TraceContexts {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceContexts() {
    }

    /**
     * The context to store with work started now: the current span's when OpenTelemetry records it (the
     * service's own server span), else the {@code traceparent} header the request came with (the gateway's), if
     * it is a well-formed W3C one (a header is client input: anything else is dropped).
     */
    public static String current(String incomingHeader) {
        // recording: OpenTelemetry is on and exports this span (with the SDK off, spans are not recorded)
        Span current = Span.current();
        SpanContext span = current.getSpanContext();
        if (current.isRecording() && span.isValid()) {
            return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
        }
        return incomingHeader != null && TRACEPARENT.matcher(incomingHeader).matches() ? incomingHeader : null;
    }
}
