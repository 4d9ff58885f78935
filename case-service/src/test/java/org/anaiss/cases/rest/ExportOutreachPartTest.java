package org.anaiss.cases.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.Sex;
import org.anaiss.cases.rest.api.PersonExport;
import org.anaiss.cases.rest.api.PersonView;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

/** outreach-service's part of the export PDF, as outreach-service's DPO export shapes it, reads in French too. */
class ExportOutreachPartTest {

    static final String OUTREACH_PART = """
            {"signals":[{"id":"6f1c2b1e-8a51-4c1b-9d7e-1a2b3c4d5e6f","partner":"partner-cpam-rhone","sendingSystem":"it",
              "region":"RHONE_ALPES","signalType":"HOSPITAL_DISCHARGE","signalDate":"2026-02-03","receivedAt":"2026-02-04T09:30:00Z",
              "person":{"lastName":"Durand","firstName":"Claire","birthDate":"1968-03-15","sex":"FEMALE","region":"RHONE_ALPES"}}],
             "offers":[{"campaignId":"0b7c2d1e-8a51-4c1b-9d7e-1a2b3c4d5e6f","region":"RHONE_ALPES","signalType":"HOSPITAL_DISCHARGE",
              "channel":"EMAIL","status":"ACCEPTED","sentAt":"2026-02-05T08:00:00Z","answeredBy":"LINK"}],
             "objection":{"recordedAt":"2026-02-10T10:00:00Z","recordedThrough":"CASE_SERVICE"},
             "invitations":[],
             "registrations":[{"action":"Garder son emploi","theme":"RETURN_TO_WORK","sessionStartsAt":"2026-03-01T13:00:00Z",
              "status":"WAITING","registeredThrough":"SOCIAL_WORKER","attended":true,"registeredAt":"2026-02-06T08:00:00Z"}]}""";

    @Test
    void outreachServicesPartIsLabelledAndItsCodesAndDatesAreFrench() throws Exception {
        JsonNode outreach = new ObjectMapper().readTree(OUTREACH_PART);
        PersonView person = new PersonView(UUID.randomUUID(), Region.RHONE_ALPES, "Durand", "Claire", LocalDate.of(1968, 3, 15),
                Sex.FEMALE, null, null, null, null, null, null, null, Instant.now(), Instant.now(), 0);
        byte[] pdf = ExportPdf.render(new PersonExport(Instant.now(), person, List.of(), List.of(), outreach, "INCLUDED"));
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        String all = text.toString().replaceAll("\\s+", " ");
        assertThat(all).contains("Offres de service et actions collectives").contains("Signalements 1 / Motif du signalement")
                .contains("Sortie d'hospitalisation").contains("Rhône-Alpes").contains("03/02/2026").contains("04/02/2026 10:30")
                .contains("Femme").contains("Courriel").contains("Acceptée").contains("Le lien de réponse")
                .contains("Le délégué à la protection des données").contains("Retour au travail").contains("Sur liste d'attente")
                .contains("Votre assistant(e) social(e)").contains("Présence").contains("Oui").contains("Séance le")
                .contains("01/03/2026 14:00")
                // no raw code, no ISO time, no English field name left
                .doesNotContain("HOSPITAL_DISCHARGE").doesNotContain("RHONE_ALPES").doesNotContain("ACCEPTED")
                .doesNotContain("RETURN_TO_WORK").doesNotContain("SOCIAL_WORKER").doesNotContain("CASE_SERVICE")
                .doesNotContain("2026-02-04T").doesNotContain("true").doesNotContain("sessionStartsAt").doesNotContain("registeredThrough");
    }
}
