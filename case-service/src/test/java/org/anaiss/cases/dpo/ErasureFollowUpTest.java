package org.anaiss.cases.dpo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;
import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.Schemas;
import org.anaiss.cases.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An erasure decided by the DPO reaches the other services through the outbox (person-erasures, the producer's
 * schema), and the DPO follows, per erasure, which services confirmed and when (erasure-confirmations, read
 * against outreach-service's schema). A person without a NIR cannot be known elsewhere: nothing is announced.
 */
@QuarkusTest
class ErasureFollowUpTest {

    static final Schema EVENT_SCHEMA = Schemas.load("case-service/src/main/resources/schemas/person-erasures.v1.json");
    static final Schema CONFIRMATION_SCHEMA = Schemas.load("outreach-service/src/main/resources/schemas/erasure-confirmations.v1.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    NirHasher hasher;

    /** A person with one case, and an ERASURE request from them; returns {personId, caseId, nir, requestId}. */
    static String[] personAskingErasure(boolean withNir) {
        Map<String, Object> person = Fixtures.person();
        if (!withNir) {
            person.remove("nir");
        }
        String personId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
        String requestId = given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "kind", "ERASURE", "channel", "LETTER", "receivedAt", Instant.now().toString()))
                .post("/api/cases/dpo/requests").then().statusCode(201).extract().path("id");
        return new String[] { personId, caseId, (String) person.get("nir"), requestId };
    }

    static String confirmation(String erasureId, String outcome, int rows) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/anaiss/outreach-service\","
                + "\"type\":\"org.anaiss.outreach.ErasureConfirmed.v1\",\"time\":\"" + Instant.now() + "\","
                + "\"datacontenttype\":\"application/json\",\"subject\":\"" + erasureId + "\",\"data\":{\"erasureId\":\"" + erasureId
                + "\",\"service\":\"outreach-service\",\"outcome\":\"" + outcome + "\",\"rowsErased\":" + rows
                + ",\"erasedAt\":\"2026-03-01T10:00:00Z\"}}";
        assertThat(Schemas.errors(CONFIRMATION_SCHEMA, json)).as("outreach-service's contract").isEmpty();
        return json;
    }

    @Test
    void anErasureIsAnnouncedByKeyOnlyAndTheDpoSeesWhoConfirmedAndWhen() throws Exception {
        String[] p = personAskingErasure(true);
        UUID personId = UUID.fromString(p[0]);
        String erasureId;
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "person-erasures")) {
            given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + p[0]).then().statusCode(204);
            // written in the erasing transaction
            erasureId = given().auth().oauth2(Tokens.user("jules")).queryParam("personId", p[0]).get("/api/cases/dpo/erasures")
                    .then().statusCode(200).body("", hasSize(1)).body("[0].reason", equalTo("DPO")).body("[0].announced", equalTo(true))
                    .extract().path("[0].id");
            assertThat(Db.count("select count(*) from outbox_event where topic = 'person-erasures' and record_key = ?", erasureId))
                    .isEqualTo(1);
            List<ConsumerRecord<String, String>> events = Kafka.await(tail, r -> erasureId.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            String value = events.get(0).value();
            assertThat(Schemas.errors(EVENT_SCHEMA, value)).isEmpty();
            JsonNode data = JSON.readTree(value).path("data");
            assertThat(data.path("personKey").asText()).isEqualTo(hasher.personKey(hasher.hash(Nir.normalize(p[2]))));
            assertThat(data.path("caseIds").get(0).asText()).isEqualTo(p[1]);
            assertThat(data.path("reason").asText()).isEqualTo("DPO");
            assertThat(value).doesNotContain(p[2]).doesNotContain(p[0]);
        }

        // until outreach-service answers, the DPO sees it waiting
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/erasures/" + erasureId).then().statusCode(200)
                .body("complete", equalTo(false)).body("services[0].service", equalTo("outreach-service"))
                .body("services[0].status", equalTo("WAITING")).body("services[0].confirmedAt", nullValue());

        String confirmation = confirmation(erasureId, "ERASED", 7);
        Kafka.send(Kafka.bootstrap(), "erasure-confirmations", erasureId, confirmation);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(given().auth().oauth2(Tokens.user("jules"))
                .get("/api/cases/dpo/erasures/" + erasureId).then().statusCode(200).extract().path("services[0].status")));
        // seen from the person's request too
        given().auth().oauth2(Tokens.user("jules")).queryParam("request", p[3]).get("/api/cases/dpo/erasures").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(erasureId)).body("[0].complete", equalTo(true))
                .body("[0].services[0].outcome", equalTo("ERASED")).body("[0].services[0].rowsErased", equalTo(7))
                .body("[0].services[0].confirmedAt", equalTo("2026-03-01T10:00:00Z"));

        // a redelivered confirmation, then a later different one: the first stays, once
        Kafka.send(Kafka.bootstrap(), "erasure-confirmations", erasureId, confirmation);
        Kafka.send(Kafka.bootstrap(), "erasure-confirmations", erasureId, confirmation(erasureId, "NOTHING_HELD", 0));
        // a confirmation of an erasure this service never decided changes nothing, and is behind them on the partition
        String stranger = UUID.randomUUID().toString();
        Kafka.send(Kafka.bootstrap(), "erasure-confirmations", erasureId, confirmation(stranger, "ERASED", 1));
        Thread.sleep(3000);
        assertThat(Db.count("select count(*) from erasure_confirmation where erasure_id = ?", UUID.fromString(erasureId))).isEqualTo(1);
        assertThat(Db.count("select count(*) from erasure_confirmation where erasure_id = ?", UUID.fromString(stranger))).isZero();
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/erasures/" + erasureId).then()
                .body("services[0].outcome", equalTo("ERASED"));
        assertThat(Db.count("select count(*) from erasure_request where person_id = ?", personId)).isEqualTo(1);
    }

    @Test
    void withoutANirNothingIsAnnouncedAndTheDpoIsToldWhy() throws Exception {
        String[] p = personAskingErasure(false);
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + p[0]).then().statusCode(204);
        String erasureId = given().auth().oauth2(Tokens.user("jules")).queryParam("request", p[3]).get("/api/cases/dpo/erasures")
                .then().statusCode(200).body("", hasSize(1)).body("[0].announced", equalTo(false))
                .body("[0].complete", equalTo(true)).body("[0].services[0].status", equalTo("NOT_ASKED"))
                .extract().path("[0].id");
        assertThat(Db.count("select count(*) from outbox_event where topic = 'person-erasures' and record_key = ?", erasureId)).isZero();
    }

    @Test
    void badFiltersAndUnknownIdsAreProblems() {
        String jules = Tokens.user("jules");
        given().auth().oauth2(jules).get("/api/cases/dpo/erasures").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(jules).queryParam("personId", UUID.randomUUID().toString()).queryParam("request", UUID.randomUUID().toString())
                .get("/api/cases/dpo/erasures").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(jules).queryParam("personId", "not-a-uuid").get("/api/cases/dpo/erasures").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(jules).get("/api/cases/dpo/erasures/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(jules).queryParam("request", UUID.randomUUID().toString()).get("/api/cases/dpo/erasures").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(jules).queryParam("personId", UUID.randomUUID().toString()).get("/api/cases/dpo/erasures").then()
                .statusCode(200).body("", hasSize(0));
    }

    @Test
    void aMalformedConfirmationGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> dlq = Kafka.tail(Kafka.bootstrap(), "erasure-confirmations-dlq")) {
            Kafka.send(Kafka.bootstrap(), "erasure-confirmations", key, "{\"id\":\"x\",\"type\":\"org.anaiss.outreach.ErasureConfirmed.v1\","
                    + "\"data\":{\"erasureId\":\"" + key + "\",\"service\":\"outreach-service\",\"outcome\":\"MAYBE\",\"rowsErased\":-1}}");
            assertThat(Kafka.await(dlq, r -> key.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }
}
