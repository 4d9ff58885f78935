package org.anaiss.cases.dpo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.Schemas;
import org.anaiss.cases.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The DPO answering a person's requests: export, erasure, objection to outreach, deadlines. */
@QuarkusTest
class RightsOfThePersonTest {

    /** A person with a case holding a contact, a plan step and a document; returns {personId, caseId, lastName, nir}. */
    static String[] fullPerson(String note) {
        Map<String, Object> person = Fixtures.person();
        String personId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-02-01T09:00:00Z", "mode", "OFFICE", "notes", note))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("text", "Plan of " + note))
                .post("/api/cases/" + caseId + "/plan-steps").then().statusCode(201);
        given().auth().oauth2(Tokens.user("alice")).contentType("application/pdf")
                .body(("%PDF-1.4 document of " + note).getBytes(StandardCharsets.UTF_8))
                .post("/api/cases/" + caseId + "/documents").then().statusCode(201);
        return new String[] { personId, caseId, (String) person.get("lastName"), (String) person.get("nir") };
    }

    @Test
    void exportHoldsEverythingOnThePersonAndNothingOnAnother() throws Exception {
        String[] mine = fullPerson("note-of-the-first-person");
        String[] other = fullPerson("note-of-another-person");

        String json = given().auth().oauth2(Tokens.user("jules")).accept(ContentType.JSON)
                .get("/api/cases/dpo/persons/" + mine[0] + "/export")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("person.lastName", equalTo(mine[2]))
                .body("person.nir", equalTo(mine[3]))
                .body("cases", hasSize(1))
                .body("cases[0].contacts[0].notes", equalTo("note-of-the-first-person"))
                .body("cases[0].plan[0].text", equalTo("Plan of note-of-the-first-person"))
                .body("cases[0].documents", hasSize(1))
                .extract().asString();
        assertThat(json).doesNotContain(other[2]).doesNotContain(other[3]).doesNotContain("note-of-another-person")
                .doesNotContain(other[1]);
        String document = new String(java.util.Base64.getDecoder().decode(
                given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/persons/" + mine[0] + "/export")
                        .then().extract().<String>path("cases[0].documents[0].contentBase64")), StandardCharsets.UTF_8);
        assertThat(document).contains("document of note-of-the-first-person");

        byte[] pdf = given().auth().oauth2(Tokens.user("jules")).accept("application/pdf")
                .get("/api/cases/dpo/persons/" + mine[0] + "/export")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        assertThat(text.toString()).contains(mine[2]).contains("note-of-the-first-person").doesNotContain(other[2]);
        assertThat(Db.count("select count(*) from audit_record where person_id = ? and action = 'EXPORT' and actor = 'jules'",
                UUID.fromString(mine[0]))).as("each export is audited").isEqualTo(3);
    }

    @Test
    void theExportPdfSpeaksFrenchToThePerson() throws Exception {
        String[] mine = fullPerson("premier entretien");
        byte[] pdf = given().auth().oauth2(Tokens.user("jules")).accept("application/pdf")
                .get("/api/cases/dpo/persons/" + mine[0] + "/export")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page)).append('\n');
        }
        // cells wrap their text: compare with the whitespace made single spaces
        assertThat(text.toString().replaceAll("\\s+", " "))
                .contains("Les données que le service social détient sur vous")
                .contains("Identité et coordonnées").contains("Date de naissance").contains("Numéro de sécurité sociale (NIR)")
                .contains("Accompagnement ouvert le").contains("Maintien dans l'emploi").contains("Votre propre demande")
                .contains("En cours").contains("Entretien au bureau").contains("Plan d'accompagnement").contains("Prévu")
                .contains("Offres de service et actions collectives").contains("Rhône-Alpes")
                .contains(mine[2]).contains("premier entretien")
                // nothing left in English, no raw code
                .doesNotContain("Data held").doesNotContain("Identity and contact details").doesNotContain("Birth date")
                .doesNotContain("Accompaniment").doesNotContain("Support plan").doesNotContain("JOB_RETENTION")
                .doesNotContain("OFFICE").doesNotContain("PLANNED").doesNotContain("RHONE_ALPES");
    }

    @Test
    void erasureDeletesThePersonAndTheirCasesUnlessALegalHoldApplies() throws Exception {
        String[] held = fullPerson("held");
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("hold", true))
                .put("/api/cases/dpo/cases/" + held[1] + "/legal-hold").then().statusCode(204);
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + held[0])
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + held[1]).then().statusCode(200);

        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("hold", false))
                .put("/api/cases/dpo/cases/" + held[1] + "/legal-hold").then().statusCode(204);
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + held[0]).then().statusCode(204);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + held[1]).then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/persons/" + held[0]).then().statusCode(404);
        assertThat(Db.count("select count(*) from contact where case_id = ?", UUID.fromString(held[1]))).isZero();
        assertThat(Db.count("select count(*) from document where case_id = ?", UUID.fromString(held[1]))).isZero();
        assertThat(Db.count("select count(*) from audit_record where person_id = ? and action = 'DELETE'", UUID.fromString(held[0])))
                .isEqualTo(2);
    }

    @Test
    void objectionToOutreachIsPublishedByKeyOnly() {
        String[] person = fullPerson("objects");
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "case-events")) {
            given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/persons/" + person[0] + "/objection")
                    .then().statusCode(204);
            List<ConsumerRecord<String, String>> events = Kafka.await(tail, r -> person[0].equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            String value = events.get(0).value();
            assertThat(value).contains("org.anaiss.case.PersonObjectedToOutreach.v1").contains("personKey")
                    .doesNotContain(person[2]).doesNotContain(person[3]);
            assertThat(Schemas.errors(Schemas.load("case-service/src/main/resources/schemas/case-events.v1.json"), value)).isEmpty();
        }
    }

    @Test
    void requestsAreDueOneMonthAfterReceptionAndShowWhenOverdue() {
        String[] person = fullPerson("requests");
        Instant received = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                .body(Map.of("personId", person[0], "kind", "ACCESS", "channel", "LETTER", "receivedAt", received.toString()))
                .post("/api/cases/dpo/requests").then().statusCode(201)
                .body("status", equalTo("OPEN")).body("overdue", equalTo(true)).extract().path("id");
        given().auth().oauth2(Tokens.user("jules")).queryParam("open", "true").get("/api/cases/dpo/requests")
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                .body(Map.of("status", "ANSWERED", "note", "Export sent by registered letter", "version", 0))
                .put("/api/cases/dpo/requests/" + id).then().statusCode(200)
                .body("status", equalTo("ANSWERED")).body("overdue", equalTo(false));
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                .body(Map.of("status", "REFUSED", "version", 1))
                .put("/api/cases/dpo/requests/" + id).then().statusCode(409);
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                .body(Map.of("kind", "ACCESS", "channel", "PIGEON", "receivedAt", received.toString()))
                .post("/api/cases/dpo/requests").then().statusCode(400).contentType("application/problem+json");
    }
}
