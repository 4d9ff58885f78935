package org.anaiss.gateway.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryStepTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 3);

    @Test
    void anOpenAfterAHoldResumesAndAfterAClosureReopens() {
        List<Views.HistoryStep> steps = Views.HistoryStep.of(List.of(new Api.StatusChange("OPEN", null, DAY),
                new Api.StatusChange("ON_HOLD", null, DAY), new Api.StatusChange("OPEN", null, DAY.plusDays(2)),
                new Api.StatusChange("CLOSED", "MOVED", DAY.plusDays(9)), new Api.StatusChange("OPEN", null, DAY.plusDays(30))));
        assertThat(steps).extracting(Views.HistoryStep::key).containsExactly("case.history.step.opened",
                "case.history.step.held", "case.history.step.resumed", "case.history.step.closed", "case.history.step.reopened");
        assertThat(steps.get(3).closureReason()).isEqualTo("MOVED");
        assertThat(steps.get(4).on()).isEqualTo(DAY.plusDays(30));
    }

    @Test
    void everyStepHasItsWordsInBothLanguages() throws Exception {
        for (String lang : List.of("fr", "en")) {
            java.util.Properties bundle = new java.util.Properties();
            try (var in = getClass().getResourceAsStream("/web/messages_" + lang + ".properties")) {
                bundle.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (String step : List.of("opened", "held", "resumed", "closed", "reopened")) {
                assertThat(bundle.getProperty("case.history.step." + step)).as(lang + " " + step).isNotBlank().contains("{0}");
            }
        }
    }
}
