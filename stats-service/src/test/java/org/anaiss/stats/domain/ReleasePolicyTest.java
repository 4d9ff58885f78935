package org.anaiss.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The release policy is one table in code, and docs/stats.md shows exactly that table. */
class ReleasePolicyTest {

    private static final String START = "<!-- release-policy:start (rendered by ReleasePolicy.markdown(); ReleasePolicyTest checks it) -->\n";
    private static final String END = "<!-- release-policy:end -->";

    @Test
    void theDocumentationRendersThePolicyInForce() throws IOException {
        String doc = Files.readString(Path.of("../docs/stats.md"));
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("docs/stats.md holds the release-policy markers").isNotNegative();
        assertThat(doc.substring(start + START.length(), end)).isEqualTo(ReleasePolicy.markdown());
    }

    @Test
    void outcomesAreNationalAndEveryMeasureOfThePublicServedIsRegional() {
        for (ReleasePolicy.Rule r : ReleasePolicy.RULES) {
            if (r.describes() == ReleasePolicy.Describes.OUTCOME) {
                assertThat(r.level()).as(r.measure()).isEqualTo(ReleasePolicy.Level.NATIONAL);
                assertThat(r.dimensions()).as(r.measure()).doesNotContain(Dimension.REGION);
            }
        }
        assertThat(ReleasePolicy.rule("case-service", "cases_closed").orElseThrow().level()).isEqualTo(ReleasePolicy.Level.NATIONAL);
        assertThat(ReleasePolicy.rule("outreach-service", "offer_responses").orElseThrow().level())
                .isEqualTo(ReleasePolicy.Level.NATIONAL);
        assertThat(ReleasePolicy.rule("outreach-service", "people_attended").orElseThrow().level())
                .isEqualTo(ReleasePolicy.Level.NATIONAL);
        assertThat(ReleasePolicy.rule("outreach-service", "sessions_held").orElseThrow().level())
                .isEqualTo(ReleasePolicy.Level.NATIONAL);
        assertThat(ReleasePolicy.RULES).allMatch(r -> r.granularities().equals(EnumSet.allOf(Granularity.class)));
    }

    @Test
    void aRuleThatWouldReleaseAnOutcomeByRegionCannotBeWritten() {
        assertThatThrownBy(() -> new ReleasePolicy.Rule("case-service", "cases_closed", ReleasePolicy.Describes.OUTCOME,
                ReleasePolicy.Level.REGIONAL, List.of(Dimension.REGION, Dimension.SEX), Set.of(Granularity.MONTH)))
                .hasMessageContaining("national only");
        assertThatThrownBy(() -> new ReleasePolicy.Rule("case-service", "cases_closed", ReleasePolicy.Describes.OUTCOME,
                ReleasePolicy.Level.NATIONAL, List.of(Dimension.REGION, Dimension.SEX), Set.of(Granularity.MONTH)))
                .hasMessageContaining("region dimension");
    }
}
