package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PartnerSignalsTest {

    private static long signalsOf(String nir) {
        // by person key: the NIR itself is never stored in clear
        return Db.count("select count(*) from signal where person_key = ?", PersonKeys.of(nir));
    }

    @Test
    void partnerSignalsAPersonAndReadsItsStatusBack() {
        String nir = Nirs.random();
        String id = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Nirs.signal(nir, "RHONE_ALPES", "SICK_LEAVE_90_DAYS", null))
                .post("/api/partners/signals")
                .then().statusCode(201).body("status", equalTo("RECEIVED")).body("receivedAt", notNullValue())
                .extract().path("id");
        given().auth().oauth2(Tokens.cpam()).get("/api/partners/signals/" + id)
                .then().statusCode(200).body("status", equalTo("RECEIVED")).body("signalType", equalTo("SICK_LEAVE_90_DAYS"));
        given().auth().oauth2(Tokens.cpam()).get("/api/partners/signals?size=100")
                .then().statusCode(200).body("items.id", hasItem(id));
        assertThat(signalsOf(nir)).isEqualTo(1);
        // stored encrypted: the NIR appears nowhere in clear
        assertThat(Db.count("select count(*) from signal where encode(person_ct, 'escape') like ?", "%" + nir + "%")).isZero();
    }

    @Test
    void retryWithTheSameKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String nir = Nirs.random();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null);
        String first = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/partners/signals").then().statusCode(201).extract().asString();
        String second = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/partners/signals").then().statusCode(201).header("Idempotent-Replayed", "true").extract().asString();
        assertThat(second).isEqualTo(first);
        assertThat(signalsOf(nir)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflictAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String nir = Nirs.random();
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null))
                .post("/api/partners/signals").then().statusCode(201);
        String other = Nirs.random();
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Nirs.signal(other, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null))
                .post("/api/partners/signals").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/idempotency-key-reused"));
        assertThat(signalsOf(other)).isZero();
    }

    @Test
    void sameKeyFromAnotherPartnerIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null)).post("/api/partners/signals").then().statusCode(201);
        given().auth().oauth2(Tokens.chu()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Nirs.signal(Nirs.random(), "BRETAGNE", "OTHER", null)).post("/api/partners/signals").then().statusCode(201)
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void partnerCannotReadAnotherPartnersSignal() {
        String id = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null))
                .post("/api/partners/signals").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.chu()).get("/api/partners/signals/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        List<String> seen = given().auth().oauth2(Tokens.chu()).get("/api/partners/signals?size=100")
                .then().statusCode(200).extract().path("items.id");
        assertThat(seen).doesNotContain(id);
    }

    @Test
    void missingIdempotencyKeyIsRefusedAndNothingStored() {
        String nir = Nirs.random();
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON)
                .body(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null)).post("/api/partners/signals")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/idempotency-key-required"));
        assertThat(signalsOf(nir)).isZero();
    }

    @Test
    void badInputsAreProblemJson400AndStoreNothing() {
        String nir = Nirs.random();
        String badKey = nir.substring(0, 13) + String.format("%02d", (Integer.parseInt(nir.substring(13)) + 1) % 98);
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(with(Nirs.signal(badKey, "RHONE_ALPES", "OTHER", null), "person.nir", badKey));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "signalDate", LocalDate.now().plusDays(2).toString()));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "person.birthDate", LocalDate.now().plusDays(2).toString()));
        bad.add(with(Nirs.signal(nir, "NOWHERE", "OTHER", null), "person.region", "NOWHERE"));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "signalType", "BROKEN_LEG"));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "person.lastName", "x".repeat(101)));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "person.email", "not-an-address"));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "unexpected", "field"));
        bad.add(with(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null), "sendingSystem", null));
        for (Map<String, Object> body : bad) {
            given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                    .post("/api/partners/signals")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{not json").post("/api/partners/signals").then().statusCode(400).contentType("application/problem+json");
        assertThat(signalsOf(nir)).isZero();
        assertThat(signalsOf(badKey)).isZero();
    }

    @Test
    void batchAcceptsTheValidItemsAndReportsTheOthers() {
        String good1 = Nirs.random();
        String good2 = Nirs.random();
        List<Object> items = List.of(Nirs.signal(good1, "RHONE_ALPES", "OTHER", null),
                with(Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null), "signalType", "NOPE"),
                Nirs.signal(good2, "RHONE_ALPES", "DISABILITY_PENSION", null),
                with(Nirs.signal("123", "RHONE_ALPES", "OTHER", null), "person.nir", "123"));
        String key = UUID.randomUUID().toString();
        var response = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("signals", items)).post("/api/partners/signals/batch")
                .then().statusCode(200).body("created", equalTo(2)).body("rejected", equalTo(2))
                .body("items[0].outcome", equalTo("CREATED")).body("items[1].outcome", equalTo("REJECTED"))
                .body("items[1].errors[0].field", equalTo("signalType"))
                .body("items[3].errors[0].field", equalTo("person.nir"))
                .extract().asString();
        assertThat(signalsOf(good1)).isEqualTo(1);
        assertThat(signalsOf(good2)).isEqualTo(1);
        String replay = given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("signals", items)).post("/api/partners/signals/batch").then().statusCode(200).extract().asString();
        assertThat(replay).isEqualTo(response);
        assertThat(signalsOf(good1)).isEqualTo(1);
    }

    @Test
    void batchOfMoreThanAThousandIsRefusedWhole() {
        String nir = Nirs.random();
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(Nirs.signal(nir, "RHONE_ALPES", "OTHER", null));
        }
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("signals", items)).post("/api/partners/signals/batch")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(signalsOf(nir)).isZero();
    }

    @Test
    void batchWithNoValidItemIsA400() {
        given().auth().oauth2(Tokens.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("signals", List.of(Map.of("signalType", "OTHER")))).post("/api/partners/signals/batch")
                .then().statusCode(400).contentType("application/problem+json").body("items[0].outcome", equalTo("REJECTED"));
    }

    @Test
    void onlyPartnerSystemsMaySignal() {
        Map<String, Object> body = Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null);
        given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/partners/signals").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("gilles")).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/partners/signals").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/api/partners/signals").then().statusCode(403);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = deepCopy(body);
        String[] parts = path.split("\\.");
        Map<String, Object> target = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.get(parts[i]);
        }
        target.put(parts[parts.length - 1], value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }
}
