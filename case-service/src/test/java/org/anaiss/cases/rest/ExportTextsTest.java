package org.anaiss.cases.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.ClosureReason;
import org.anaiss.cases.domain.ContactChannel;
import org.anaiss.cases.domain.ContactMode;
import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.PlanStepStatus;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.RightsRequest;
import org.anaiss.cases.domain.Sex;
import org.anaiss.cases.domain.Theme;
import org.junit.jupiter.api.Test;

/** The export's texts come from the French bundle, and every code the PDF shows has a French label there. */
class ExportTextsTest {

    @Test
    void everyCodeShownToThePersonHasAFrenchLabel() {
        ResourceBundle texts = ExportPdf.texts();
        record Codes(String prefix, Enum<?>[] values) {
        }
        for (Codes c : new Codes[] { new Codes("theme", Theme.values()), new Codes("origin", Origin.values()),
                new Codes("status", CaseStatus.values()), new Codes("closure", ClosureReason.values()),
                new Codes("mode", ContactMode.values()), new Codes("sex", Sex.values()), new Codes("channel", ContactChannel.values()),
                new Codes("region", Region.values()), new Codes("plan", PlanStepStatus.values()),
                new Codes("request", RightsRequest.Kind.values()), new Codes("request.status", RightsRequest.Status.values()) }) {
            for (Enum<?> v : c.values()) {
                assertThat(texts.containsKey(c.prefix() + "." + v.name())).as(c.prefix() + "." + v.name()).isTrue();
                assertThat(texts.getString(c.prefix() + "." + v.name())).isNotEqualTo(v.name());
            }
        }
    }

    @Test
    void theTextsAreFrenchWhateverTheServersLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            ResourceBundle.clearCache();
            assertThat(ExportPdf.texts().getString("identity.heading")).isEqualTo("Identité et coordonnées");
            assertThat(new ExportPdf.Texts(ExportPdf.texts()).get("case.intakeNote")).isEqualTo("Noté à l'acceptation de l'offre");
            assertThat(new ExportPdf.Texts(ExportPdf.texts()).get("case.plan.due", "Prévu", "01/03/2026"))
                    .isEqualTo("Prévu - échéance le 01/03/2026");
        } finally {
            Locale.setDefault(before);
        }
    }
}
