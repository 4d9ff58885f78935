package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    private final RouteTemplate templates = new RouteTemplate(List.of("/api/outreach/answers", "/api/outreach/registrations"));

    @Test
    void idsAndNumbersBecomePlaceholders() {
        assertThat(templates.of("/api/cases/3f2b8c9e-1d4a-4b6f-9a0e-2c7d5e8f1a3b/documents/42"))
                .isEqualTo("/api/cases/{id}/documents/{id}");
        assertThat(templates.of("/api/cases/persons/search")).isEqualTo("/api/cases/persons/search");
    }

    @Test
    void theSingleUseTokenOfAPublicLinkNeverAppears() {
        assertThat(templates.of("/api/outreach/answers/abcdefghijklmnopqrst")).isEqualTo("/api/outreach/answers/{token}");
        assertThat(templates.of("/api/outreach/registrations/zzzwordlike/calendar.ics"))
                .isEqualTo("/api/outreach/registrations/{token}/calendar.ics");
    }

    @Test
    void anythingThatIsNotAPlainLowercaseWordIsMasked() {
        // a NIR, a name, an encoded value, a code
        assertThat(templates.of("/api/cases/persons/275066912345678")).isEqualTo("/api/cases/persons/{id}");
        assertThat(templates.of("/api/cases/persons/Dupont")).isEqualTo("/api/cases/persons/{id}");
        assertThat(templates.of("/api/stats/tables/jean%20dupont")).isEqualTo("/api/stats/tables/{id}");
        assertThat(templates.of("/api/stats/tables/PERSONS_SERVED")).isEqualTo("/api/stats/tables/{id}");
    }

    @Test
    void veryLongPathsAreCut() {
        assertThat(templates.of("/api" + "/a".repeat(30))).endsWith("/...").hasSizeLessThan(40);
    }

    @Test
    void theRootStaysTheRoot() {
        assertThat(templates.of("/")).isEqualTo("/");
        assertThat(templates.of("/api")).isEqualTo("/api");
    }
}
