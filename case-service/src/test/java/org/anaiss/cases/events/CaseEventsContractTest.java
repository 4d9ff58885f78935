package org.anaiss.cases.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.Schemas;
import org.anaiss.cases.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Schema;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What case-service puts on case-events, read back from the real broker: its own schema, and no personal data. */
@QuarkusTest
class CaseEventsContractTest {

    static final Schema SCHEMA = Schemas.load("case-service/src/main/resources/schemas/case-events.v1.json");

    @Test
    void theTraceContextOfTheRequestTravelsInTheKafkaHeaders() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "case-events")) {
            String personId = Fixtures.createPerson("alice");
            String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                    .header("traceparent", traceparent)
                    .body(Map.of("personId", personId, "theme", "OTHER", "origin", "SELF"))
                    .post("/api/cases").then().statusCode(201).extract().path("id");
            List<ConsumerRecord<String, String>> events = Kafka.await(tail, r -> caseId.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(events).hasSize(1);
            assertThat(new String(events.get(0).headers().lastHeader("traceparent").value())).isEqualTo(traceparent);
        }
    }

    @Test
    void openingAndClosingACasePublishesSchemaValidEventsWithoutPersonalData() {
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "case-events")) {
            Map<String, Object> person = Fixtures.person();
            String personId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                    .post("/api/cases/persons").then().statusCode(201).extract().path("id");
            String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                    .body(Map.of("personId", personId, "theme", "DISABILITY", "origin", "HOSPITAL"))
                    .post("/api/cases").then().statusCode(201).extract().path("id");
            given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                    .body(Map.of("status", "CLOSED", "closureReason", "REDIRECTED"))
                    .post("/api/cases/" + caseId + "/status").then().statusCode(200);

            List<ConsumerRecord<String, String>> events = Kafka.await(tail, r -> caseId.equals(r.key()), 2, Duration.ofSeconds(30));
            assertThat(events).hasSize(2);
            assertThat(events.get(0).value()).contains("org.anaiss.case.CaseOpened.v1");
            assertThat(events.get(1).value()).contains("org.anaiss.case.CaseClosed.v1").contains("\"status\":\"CLOSED\"");
            for (ConsumerRecord<String, String> e : events) {
                assertThat(Schemas.errors(SCHEMA, e.value())).isEmpty();
                assertThat(e.value()).doesNotContain((String) person.get("lastName"))
                        .doesNotContain((String) person.get("nir")).doesNotContain("RA-LYON").doesNotContain("alice")
                        .doesNotContain(personId)
                        // the least outreach-service needs: nothing on the person's difficulties or how the case ended
                        .doesNotContain("DISABILITY").doesNotContain("HOSPITAL").doesNotContain("REDIRECTED")
                        .doesNotContain("\"theme\"").doesNotContain("\"origin\"").doesNotContain("closureReason");
                assertThat(new String(e.headers().lastHeader("ce_type").value())).startsWith("org.anaiss.case.");
            }
        }
    }
}
