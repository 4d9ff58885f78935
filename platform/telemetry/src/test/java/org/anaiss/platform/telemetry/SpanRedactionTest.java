package org.anaiss.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Span paths keep their fixed words only: ids, tokens, numbers and queries never reach a trace. */
class SpanRedactionTest {

    @Test
    void idsTokensAndQueriesAreRemovedFromPaths() {
        assertThat(SpanRedaction.redact("/api/cases/5f0c1a2e-7d1b-4c55-9a7e-0c6f3f1b2a11/plan-steps/12?nir=171047512345678"))
                .isEqualTo("/api/cases/{}/plan-steps/{}");
        assertThat(SpanRedaction.redact("/api/outreach/answers/Zx81-kQ_token")).isEqualTo("/api/outreach/answers/{}");
        assertThat(SpanRedaction.redact("/api/cases/persons/search")).isEqualTo("/api/cases/persons/search");
        assertThat(SpanRedaction.redact("/")).isEqualTo("/");
        assertThat(SpanRedaction.redact("/api/cases/Dupont")).as("a capitalised name is not a fixed word").isEqualTo("/api/cases/{}");
    }
}
