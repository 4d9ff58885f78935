package org.anaiss.platform.telemetry;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * No personal data in a span: paths keep their fixed words only (ids, answer-link tokens and anything else
 * become {@code {}}), queries and message keys are dropped. NIRs never travel in a path or a query (POST
 * bodies only), and span names are route templates; this is the safety net for the rest.
 */
@ApplicationScoped
public class SpanRedaction implements SpanProcessor {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]*");
    private static final List<AttributeKey<String>> PATHS = List.of(AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("http.target"));
    private static final List<AttributeKey<String>> DROPPED = List.of(AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("url.full"), AttributeKey.stringKey("http.url"),
            AttributeKey.stringKey("messaging.kafka.message.key"), AttributeKey.stringKey("messaging.kafka.message_key"));

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : PATHS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, redact(value));
            }
        }
        for (AttributeKey<String> key : DROPPED) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, "redacted");
            }
        }
    }

    /** "/api/cases/5f0c…/plan?x=1" → "/api/cases/{}/plan". */
    static String redact(String path) {
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        String[] segments = p.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty() && !WORD.matcher(segments[i]).matches()) {
                segments[i] = "{}";
            }
        }
        return String.join("/", segments);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
