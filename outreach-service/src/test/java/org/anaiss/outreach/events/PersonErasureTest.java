package org.anaiss.outreach.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.outreach.rest.PersonKeys;
import org.anaiss.outreach.support.Actions;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Kafka;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Schemas;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Erasures decided in case-service, over the real broker and database: what a DPO's erasure removes, that a
 * redelivery changes nothing more, that an unknown person still gets a confirmation, what a retention deletion
 * does, and the contract on both sides (the producer's schema for what is read, ours for what is sent).
 */
@QuarkusTest
class PersonErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema PRODUCER_SCHEMA = producerSchema();

    private static Schema producerSchema() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(
                    Files.readString(Path.of("../case-service/src/main/resources/schemas/person-erasures.v1.json")), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person-erasures event as case-service publishes it, checked against case-service's schema. */
    static String erasure(String eventId, UUID erasureId, String personKey, List<UUID> caseIds, String reason) {
        String now = Instant.now().toString();
        String ids = String.join(",", caseIds.stream().map(id -> "\"" + id + "\"").toList());
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/anaiss/case-service\","
                + "\"type\":\"org.anaiss.case.PersonErased.v1\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\","
                + "\"subject\":\"" + erasureId + "\",\"data\":{\"erasureId\":\"" + erasureId + "\",\"personKey\":\"" + personKey
                + "\",\"caseIds\":[" + ids + "],\"reason\":\"" + reason + "\",\"occurredAt\":\"" + now + "\"}}";
        assertThat(PRODUCER_SCHEMA.validate(json, InputFormat.JSON)).as("the producer's contract").isEmpty();
        return json;
    }

    static void caseOpened(UUID caseId, String personKey) {
        String now = Instant.now().toString();
        String eventId = UUID.randomUUID().toString();
        Kafka.publish("case-events", caseId.toString(), "{\"specversion\":\"1.0\",\"id\":\"" + eventId
                + "\",\"source\":\"/anaiss/case-service\",\"type\":\"org.anaiss.case.CaseOpened.v1\",\"time\":\"" + now
                + "\",\"datacontenttype\":\"application/json\",\"subject\":\"" + caseId + "\",\"data\":{\"caseId\":\"" + caseId
                + "\",\"personKey\":\"" + personKey + "\",\"region\":\"RHONE_ALPES\",\"status\":\"OPEN\",\"occurredAt\":\"" + now + "\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from processed_event where event_id = ?", eventId) == 1);
    }

    /** The one confirmation of an erasure, checked against our own schema. */
    static JsonNode confirmation(UUID erasureId) throws IOException {
        List<String> values = Kafka.valuesWithKey("erasure-confirmations", erasureId.toString(), Duration.ofSeconds(60));
        assertThat(values).as("one confirmation per erasure").hasSize(1);
        assertThat(Schemas.errors("erasure-confirmations.v1.json", values.get(0))).isEmpty();
        JsonNode event = JSON.readTree(values.get(0));
        assertThat(event.path("data").path("erasureId").asText()).isEqualTo(erasureId.toString());
        assertThat(event.path("data").path("service").asText()).isEqualTo("outreach-service");
        return event.path("data");
    }

    @Test
    void dpoErasureRemovesEverythingOnThePersonOnceAndAnUnknownPersonIsStillConfirmed() throws Exception {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String nir = Nirs.random();
        String key = PersonKeys.of(nir);
        // two signals of the person (an offer by letter for one: a person has one open offer at a time), and a letter of
        // someone else in the same batch
        Map<String, Object> byLetter = Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day);
        ((Map<String, Object>) byLetter.get("person")).put("lastName", "Effacement");
        Api.signal(Tokens.cpam(), byLetter);
        String email = Mailbox.newAddress("erasure");
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "OTHER", email, day));
        String otherSignal = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day));
        String letters = Api.createCampaign(gilles, Api.campaign("Effacement, courrier", "LETTER", List.of("HOSPITAL_DISCHARGE"), day));
        Api.launch(gilles, letters);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, letters)));
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + letters + "/letters").then().statusCode(200)
                .body("[0].letters", equalTo(2));
        String session = Actions.create(gilles, Actions.action("RETURN_TO_WORK",
                List.of(Actions.session(Instant.now().plus(Duration.ofDays(5)), 5))))[1];
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("nir", nir, "lastName", "Effacement", "firstName", "Camille", "email", email))
                .post("/api/outreach/sessions/" + session + "/registrations").then().statusCode(201);
        UUID caseId = UUID.randomUUID();
        caseOpened(caseId, key);

        List<String> offerIds = ids("select id from offer where person_key = '" + key + "'");
        assertThat(offerIds).hasSize(1);
        String registrationId = Db.string("select id::text from registration where person_key = ?", key);
        String mails = "select count(*) from mail_message where dedupe_key = 'registration:" + registrationId + "'";
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(mails) == 1);
        long otherOffers = Db.count("select count(*) from offer where signal_id = ?::uuid", otherSignal);
        assertThat(otherOffers).isEqualTo(1);

        UUID erasureId = UUID.randomUUID();
        UUID unseenCase = UUID.randomUUID();
        String event = erasure(erasureId.toString(), erasureId, key, List.of(caseId, unseenCase), "DPO");
        Kafka.publish("person-erasures", erasureId.toString(), event);

        JsonNode confirmed = confirmation(erasureId);
        assertThat(confirmed.path("outcome").asText()).isEqualTo("ERASED");
        // 2 signals, 1 offer, 1 registration, 1 mail, 1 known case
        assertThat(confirmed.path("rowsErased").asInt()).isEqualTo(6);
        for (String table : List.of("signal", "offer", "registration", "invitation")) {
            assertThat(Db.count("select count(*) from " + table + " where person_key = ?", key)).as(table).isZero();
        }
        assertThat(Db.count(mails)).isZero();
        assertThat(Db.count("select count(*) from offer_letter where offer_id = ?::uuid", offerIds.get(0))).isZero();
        assertThat(Db.count("select count(*) from known_case where person_key = ?", key)).isZero();
        assertThat(Db.string("select person_key || ' ' || status from known_case where case_id = ?", caseId)).isEqualTo("erased CLOSED");
        assertThat(Db.string("select person_key || ' ' || status from known_case where case_id = ?", unseenCase)).isEqualTo("erased CLOSED");
        // the mail room's batch holds the other person's letter only
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + letters + "/letters").then().statusCode(200)
                .body("[0].letters", equalTo(1));
        byte[] merged = given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + letters + "/letters/1").then().statusCode(200)
                .extract().asByteArray();
        PdfReader batch = new PdfReader(merged);
        assertThat(batch.getNumberOfPages()).isEqualTo(1);
        assertThat(new PdfTextExtractor(batch).getTextFromPage(1)).contains("TESTPERSON").doesNotContain("EFFACEMENT");
        assertThat(Db.count("select count(*) from offer where signal_id = ?::uuid", otherSignal)).isEqualTo(otherOffers);
        // a case event of the erased case still on its way does not bring the person back
        caseOpened(caseId, key);
        assertThat(Db.count("select count(*) from known_case where person_key = ?", key)).isZero();

        // the person is signalled again afterwards; the same erasure is delivered again: it changes nothing more
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "OTHER", null, day));
        Kafka.publish("person-erasures", erasureId.toString(), event);
        // behind it on the same partition (same record key): an erasure of a person outreach-service never knew
        UUID unknown = UUID.randomUUID();
        Kafka.publish("person-erasures", erasureId.toString(),
                erasure(unknown.toString(), unknown, PersonKeys.of(Nirs.random()), List.of(), "DPO"));
        JsonNode nothing = confirmation(unknown);
        assertThat(nothing.path("outcome").asText()).isEqualTo("NOTHING_HELD");
        assertThat(nothing.path("rowsErased").asInt()).isZero();
        assertThat(Db.count("select count(*) from signal where person_key = ?", key)).as("the later signal stays").isEqualTo(1);
        confirmation(erasureId); // still exactly one
        assertThat(Db.count("select count(*) from processed_event where event_id = ?", erasureId.toString())).isEqualTo(1);
        // the erasure is in the audit trail once, by the erasure's id
        assertThat(Db.count("select count(*) from audit_record where record_id = ?::uuid and action = 'DELETE' and actor = 'erasure' "
                + "and actor_role = 'system' and record_type = 'person'", erasureId.toString())).isEqualTo(1);
    }

    @Test
    void retentionDeletionInCaseServiceUnlinksItsCasesAndLeavesOutreachDataToItsOwnRetention() throws Exception {
        String nir = Nirs.random();
        String key = PersonKeys.of(nir);
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "OTHER", null, Nirs.uniqueDay()));
        UUID caseId = UUID.randomUUID();
        caseOpened(caseId, key);
        UUID erasureId = UUID.randomUUID();
        Kafka.publish("person-erasures", erasureId.toString(), erasure(erasureId.toString(), erasureId, key, List.of(caseId), "RETENTION"));

        JsonNode confirmed = confirmation(erasureId);
        assertThat(confirmed.path("outcome").asText()).isEqualTo("UNLINKED");
        assertThat(confirmed.path("rowsErased").asInt()).isEqualTo(1);
        assertThat(Db.count("select count(*) from known_case where person_key = ?", key)).isZero();
        assertThat(Db.count("select count(*) from signal where id = ?::uuid", signal)).isEqualTo(1);
    }

    @Test
    void aMalformedErasureGoesToTheDeadLetterTopic() {
        String recordKey = UUID.randomUUID().toString();
        Kafka.publish("person-erasures", recordKey, "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"org.anaiss.case.PersonErased.v1\","
                + "\"data\":{\"erasureId\":\"" + recordKey + "\",\"personKey\":\"not a key\",\"caseIds\":[],\"reason\":\"DPO\"}}");
        assertThat(Kafka.valuesWithKey("person-erasures-dlq", recordKey, Duration.ofSeconds(60))).hasSize(1);
    }

    private static List<String> ids(String sql) throws Exception {
        try (var c = Db.connect(); var rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
