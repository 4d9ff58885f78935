package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * One erasure, every service: the DPO erases a person in case-service while outreach-service is down; once
 * outreach-service is back, the erasure (waiting on person-erasures) applies there, the person's signals,
 * offer and known case are gone from its database, and the DPO sees its confirmation.
 */
class ErasureReachesOutreachIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void anErasureDecidedWhileOutreachIsDownAppliesThereWhenItIsBack() throws Exception {
        String nir = OutreachSupport.nir();
        String key = OutreachSupport.personKey(nir);
        String alice = Tokens.user("alice");
        String gilles = Tokens.user("gilles");
        String jules = Tokens.user("jules");

        // outreach-service holds a signal and an offer for the person; case-service a person and a case
        LocalDate day = OutreachSupport.uniqueDay();
        String signal = OutreachSupport.postSignal(OutreachSupport.cpam(), OutreachSupport.signal(nir, Fixtures.uniqueLastName(),
                "RHONE_ALPES", "OTHER", OutreachSupport.address("erasure"), day));
        String campaign = OutreachSupport.createCampaign(gilles, OutreachSupport.campaign("EMAIL", List.of("OTHER"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from offer where signal_id = ?::uuid and status = 'SENT'", signal) == 1);
        String personId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Claire", "birthDate", "1968-03-15", "sex", "FEMALE",
                        "nir", nir))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
        Suite.get().explainTimeout(() -> await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("select count(*) from known_case where case_id = ?::uuid and person_key = ?", caseId, key) == 1),
                Suite.Service.OUTREACH, Suite.Service.CASES);
        String request = given().auth().oauth2(jules).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "kind", "ERASURE", "channel", "LETTER", "receivedAt", Instant.now().toString()))
                .post("/api/cases/dpo/requests").then().statusCode(201).extract().path("id");

        Suite.get().stop(Suite.Service.OUTREACH);
        try {
            given().auth().oauth2(jules).delete("/api/cases/dpo/persons/" + personId).then().statusCode(204);
            JsonPath waiting = given().auth().oauth2(jules).queryParam("request", request).get("/api/cases/dpo/erasures")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(waiting.getList("")).hasSize(1);
            assertThat(waiting.getString("[0].services[0].service")).isEqualTo("outreach-service");
            assertThat(waiting.getString("[0].services[0].status")).isEqualTo("WAITING");
            Thread.sleep(3000); // the relay has long published it; nobody is there to apply it
            assertThat(count("select count(*) from signal where person_key = ?", key)).isEqualTo(1);
        } finally {
            Suite.get().start(Suite.Service.OUTREACH);
        }

        String erasure = given().auth().oauth2(jules).queryParam("request", request).get("/api/cases/dpo/erasures")
                .then().statusCode(200).extract().path("[0].id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "CONFIRMED".equals(given().auth().oauth2(jules).get("/api/cases/dpo/erasures/" + erasure)
                        .then().statusCode(200).extract().path("services[0].status")));
        JsonPath confirmed = given().auth().oauth2(jules).get("/api/cases/dpo/erasures/" + erasure).then().statusCode(200)
                .extract().jsonPath();
        assertThat(confirmed.getBoolean("complete")).isTrue();
        assertThat(confirmed.getString("services[0].outcome")).isEqualTo("ERASED");
        assertThat(confirmed.getInt("services[0].rowsErased")).isGreaterThanOrEqualTo(3);
        assertThat(Instant.parse(confirmed.getString("services[0].confirmedAt")))
                .isAfterOrEqualTo(Instant.parse(confirmed.getString("decidedAt")));

        assertThat(count("select count(*) from signal where person_key = ?", key)).isZero();
        assertThat(count("select count(*) from offer where person_key = ?", key)).isZero();
        assertThat(count("select count(*) from known_case where person_key = ?", key)).isZero();
        assertThat(count("select count(*) from known_case where case_id = ?::uuid and status = 'CLOSED'", caseId)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = ?", erasure)).isEqualTo(1);
        assertThat(countCases("select count(*) from person where id = ?::uuid", personId)).isZero();
    }

    private static long count(String sql, Object... args) throws Exception {
        return countIn("outreach", sql, args);
    }

    private static long countCases(String sql, Object... args) throws Exception {
        return countIn("cases", sql, args);
    }

    private static long countIn(String database, String sql, Object... args) throws Exception {
        try (Connection c = Db.superuser(database); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
