package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void aValidTraceparentKeepsItsTraceFlagsAndStateWithTheGatewayAsNewParent() {
        TraceContext context = TraceContext.forward("00-" + TRACE + "-" + PARENT + "-01", "vendor=abc");
        assertThat(context.traceId()).isEqualTo(TRACE);
        assertThat(context.flags()).isEqualTo("01");
        assertThat(context.tracestate()).isEqualTo("vendor=abc");
        assertThat(context.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(PARENT).isNotEqualTo("0".repeat(16));
        assertThat(context.traceparent()).isEqualTo("00-" + TRACE + "-" + context.spanId() + "-01");
    }

    @Test
    void withoutTraceparentANewSampledTraceStartsAndTracestateIsDropped() {
        TraceContext context = TraceContext.forward(null, "vendor=abc");
        assertThat(context.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(context.traceId()).isNotEqualTo("0".repeat(32));
        assertThat(context.tracestate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "not a traceparent" })
    void anInvalidTraceparentStartsANewTrace(String invalid) {
        TraceContext context = TraceContext.forward(invalid, "vendor=abc");
        assertThat(context.traceId()).isNotEqualTo(TRACE);
        assertThat(context.tracestate()).isNull();
    }

    @Test
    void aLaterVersionWithMoreFieldsIsKept() {
        TraceContext context = TraceContext.forward("01-" + TRACE + "-" + PARENT + "-01-more", null);
        assertThat(context.traceId()).isEqualTo(TRACE);
        assertThat(context.traceparent()).startsWith("00-" + TRACE);
    }

    @Test
    void anOversizedTracestateIsDroppedButTheTraceKept() {
        TraceContext context = TraceContext.forward("00-" + TRACE + "-" + PARENT + "-00", "k=" + "v".repeat(600));
        assertThat(context.traceId()).isEqualTo(TRACE);
        assertThat(context.flags()).isEqualTo("00");
        assertThat(context.tracestate()).isNull();
    }
}
