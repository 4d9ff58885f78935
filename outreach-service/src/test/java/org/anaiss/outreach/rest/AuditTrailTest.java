package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.outreach.support.Actions;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.MutableClock;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * outreach-service's audit trail (issue 17, item 1): each operation on personal data writes exactly one record
 * per record it touches, in its transaction, with the person named by key only; the chain detects tampering;
 * the service's own role cannot alter it; only the DPO reads it, within the limits of platform/audit. The
 * database is shared with other tests and keeps its data: every count is on the ids this test created.
 */
@QuarkusTest
class AuditTrailTest {

    static final String AUDIT = "/api/outreach/audit";

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyOperationOnPersonalDataWritesExactlyOneRecord() {
        String gilles = Tokens.user("gilles");
        LocalDate day = Nirs.uniqueDay();
        String nir = Nirs.random();
        String key = PersonKeys.of(nir);

        // a partner's signal, then its receipt and its list
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day));
        assertOne("CREATE", "signal", signal, key);
        given().auth().oauth2(Tokens.cpam()).get("/api/partners/signals/" + signal).then().statusCode(200);
        assertOne("READ", "signal", signal, key);
        given().auth().oauth2(Tokens.cpam()).queryParam("size", 100).get("/api/partners/signals").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(signal));
        assertOne("LIST", "signal", signal, key);
        assertThat(Db.string("select actor_role from audit_record where record_id = ? and action = 'CREATE'", UUID.fromString(signal)))
                .isEqualTo("signal-sender");

        // a letter campaign reaches the person: their offer, listed, its letter and its batch downloaded, answered
        String campaign = Api.createCampaign(gilles, Api.campaign("Audit", "LETTER", List.of("HOSPITAL_DISCHARGE"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(90)).until(() -> "DONE".equals(Api.status(gilles, campaign)));
        long searches = count("action = 'SEARCH' and record_type = 'offer' and person_key = ?", key);
        String offer = given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/offers/lookup").then().statusCode(200).extract().path("[0].id");
        assertThat(count("action = 'SEARCH' and record_type = 'offer' and person_key = ?", key)).as("one lookup by NIR")
                .isEqualTo(searches + 1);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/offers").then().statusCode(200);
        assertOne("LIST", "offer", offer, key);
        given().auth().oauth2(gilles).get("/api/outreach/offers/" + offer + "/letter").then().statusCode(200);
        assertOne("DOWNLOAD", "offer_letter", offer, key);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/letters/1").then().statusCode(200);
        assertOne("DOWNLOAD", "letter_batch", campaign, null);
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("response", "DECLINED", "receivedBy", "PHONE"))
                .post("/api/outreach/offers/" + offer + "/answer").then().statusCode(200);
        assertOne("UPDATE", "offer", offer, key);
        // a refused lookup (another region's officer sees nothing, but searched): still one record of the search
        long helene = count("action = 'SEARCH' and person_key = ? and actor = 'helene'", key);
        given().auth().oauth2(Tokens.user("helene")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/offers/lookup").then().statusCode(200).body("size()", equalTo(0));
        assertThat(count("action = 'SEARCH' and person_key = ? and actor = 'helene'", key)).isEqualTo(helene + 1);

        // a registration by a social worker, the attendance sheet, the attendance, a cancellation
        String attendeeNir = Nirs.random();
        String attendeeKey = PersonKeys.of(attendeeNir);
        Instant startsAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        String session = Actions.create(gilles, Actions.action("JOB_RETENTION", List.of(Actions.session(startsAt, 10))))[1];
        String registration = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("nir", attendeeNir, "lastName", "Audit", "firstName", "Camille"))
                .post("/api/outreach/sessions/" + session + "/registrations").then().statusCode(201).extract().path("id");
        assertOne("CREATE", "registration", registration, attendeeKey);
        given().auth().oauth2(gilles).get("/api/outreach/sessions/" + session + "/registrations").then().statusCode(200);
        assertOne("LIST", "registration", registration, attendeeKey);
        clock.advance(Duration.ofDays(3)); // the session took place
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("attended", List.of(registration), "absent", List.of()))
                .post("/api/outreach/sessions/" + session + "/attendance").then().statusCode(200);
        assertOne("UPDATE", "attendance", registration, attendeeKey);
        clock.reset();
        String otherSession = Actions.create(gilles, Actions.action("AUTONOMY", List.of(Actions.session(startsAt, 10))))[1];
        String other = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("nir", Nirs.random(), "lastName", "Audit", "firstName", "Dominique"))
                .post("/api/outreach/sessions/" + otherSession + "/registrations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(gilles).post("/api/outreach/sessions/" + otherSession + "/registrations/" + other + "/cancel")
                .then().statusCode(200);
        assertThat(count("action = 'UPDATE' and record_type = 'registration' and record_id = ?", UUID.fromString(other))).isEqualTo(1);

        // an objection recorded by an officer, and the DPO's export
        String objecting = Nirs.random();
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", objecting))
                .post("/api/outreach/objections").then().statusCode(204);
        assertThat(count("action = 'CREATE' and record_type = 'objection' and person_key = ?", PersonKeys.of(objecting))).isEqualTo(1);
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/dpo/exports").then().statusCode(200);
        assertThat(count("action = 'EXPORT' and person_key = ? and actor = 'jules' and actor_role = 'dpo'", key)).isEqualTo(1);

        // no record ever holds the NIR: the person is named by key
        assertThat(count("person_key = ? or actor = ?", nir, nir)).isZero();
        // the DPO reads the person's trail by key: every record of it, in seq order
        given().auth().oauth2(Tokens.user("jules")).queryParam("personKey", key).get(AUDIT).then().statusCode(200)
                .body("personKey", everyItem(equalTo(key)))
                .body("action", org.hamcrest.Matchers.hasItems("CREATE", "READ", "LIST", "SEARCH", "DOWNLOAD", "UPDATE", "EXPORT"));
        given().auth().oauth2(Tokens.user("jules")).queryParam("recordId", offer).get(AUDIT).then().statusCode(200)
                .body("recordId", everyItem(equalTo(offer)))
                .body("action", org.hamcrest.Matchers.hasItems("LIST", "DOWNLOAD", "UPDATE"));
    }

    @Test
    void tamperingIsDetectedByTheVerificationSynchronousAndInTheBackground() throws SQLException {
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null, Nirs.uniqueDay()));
        long seq = maxSeq(UUID.fromString(signal));
        Instant at = Instant.parse(given().auth().oauth2(Tokens.user("jules")).queryParam("recordId", signal).get(AUDIT)
                .then().statusCode(200).extract().<String>path("[0].at"));
        String from = at.toString();
        String to = at.plusSeconds(1).toString();
        given().auth().oauth2(Tokens.user("jules")).queryParam("from", from).queryParam("to", to).get(AUDIT + "/verification")
                .then().statusCode(200).body("intact", equalTo(true));
        bypassingTheTrigger("update audit_record set actor = 'mallory' where seq = " + seq);
        try {
            given().auth().oauth2(Tokens.user("jules")).queryParam("from", from).queryParam("to", to).get(AUDIT + "/verification")
                    .then().statusCode(200).body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
            String job = given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON)
                    .body(Map.of("from", from, "to", to)).post(AUDIT + "/verifications").then().statusCode(202)
                    .body("state", equalTo("RUNNING")).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(given().auth().oauth2(Tokens.user("jules"))
                    .get(AUDIT + "/verifications/" + job).then().statusCode(200).extract().path("state")));
            given().auth().oauth2(Tokens.user("jules")).get(AUDIT + "/verifications/" + job).then()
                    .body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            bypassingTheTrigger("update audit_record set actor = 'service-account-partner-cpam-rhone' where seq = " + seq);
        }
        given().auth().oauth2(Tokens.user("jules")).queryParam("from", from).queryParam("to", to).get(AUDIT + "/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theServiceRoleCannotChangeOrDeleteAuditRecords() throws SQLException {
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null, Nirs.uniqueDay()));
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            String row = "where record_id = '" + signal + "'";
            assertThatThrownBy(() -> s.executeUpdate("update audit_record set actor = 'x' " + row)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_record " + row)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("truncate audit_record")).isInstanceOf(SQLException.class);
        }
        assertThat(count("record_id = ?", UUID.fromString(signal))).isEqualTo(1);
    }

    @Test
    void onlyTheDpoReadsTheTrailWithinItsLimitsAndEveryReadingIsRecorded() {
        String jules = Tokens.user("jules");
        Instant now = Instant.now();
        given().queryParam("from", now.minusSeconds(60).toString()).get(AUDIT).then().statusCode(401);
        given().auth().oauth2(Tokens.user("gilles")).queryParam("recordId", UUID.randomUUID().toString()).get(AUDIT)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.user("karim")).get(AUDIT + "/verification").then().statusCode(403);
        given().auth().oauth2(jules).get(AUDIT + "/readings").then().statusCode(403);

        given().auth().oauth2(jules).queryParam("from", now.minus(Duration.ofDays(32)).toString()).queryParam("to", now.toString())
                .queryParam("reason", "Monthly review of the trail").get(AUDIT)
                .then().statusCode(400).contentType("application/problem+json").body("type", endsWith("period-too-long"))
                .body("detail", containsString("31 days"));
        given().auth().oauth2(jules).queryParam("from", now.minusSeconds(600).toString()).queryParam("to", now.toString())
                .get(AUDIT).then().statusCode(400).body("type", endsWith("reason-required"));
        given().auth().oauth2(jules).queryParam("actor", "gilles").queryParam("from", now.minusSeconds(600).toString())
                .queryParam("to", now.toString()).queryParam("reason", "Suspicious lookups reported").get(AUDIT)
                .then().statusCode(400).body("type", endsWith("incident-required"));
        given().auth().oauth2(jules).queryParam("personKey", "not/a key").get(AUDIT).then().statusCode(400);

        String reason = "Review " + UUID.randomUUID();
        given().auth().oauth2(jules).queryParam("actor", "gilles").queryParam("from", now.minusSeconds(600).toString())
                .queryParam("to", now.plusSeconds(60).toString()).queryParam("reason", reason).queryParam("incident", "INC-2026-0042")
                .get(AUDIT).then().statusCode(200).body("actor", everyItem(equalTo("gilles")));
        given().auth().oauth2(Tokens.user("karim")).get(AUDIT + "/readings").then().statusCode(200)
                .body("find { it.reason == '" + reason + "' }.filterKind", equalTo("ACTOR"))
                .body("find { it.reason == '" + reason + "' }.reader", equalTo("jules"))
                .body("find { it.reason == '" + reason + "' }.incident", equalTo("INC-2026-0042"));
        assertThat(Db.count("select count(*) from audit_reading where reason = ?", reason)).isEqualTo(1);
    }

    private static void assertOne(String action, String type, String recordId, String personKey) {
        UUID id = UUID.fromString(recordId);
        assertThat(count("action = ? and record_type = ? and record_id = ?", action, type, id))
                .as(action + " " + type).isEqualTo(1);
        if (personKey != null) {
            assertThat(Db.string("select person_key from audit_record where action = ? and record_type = ? and record_id = ?",
                    action, type, id)).isEqualTo(personKey);
        }
    }

    private static long count(String where, Object... args) {
        return Db.count("select count(*) from audit_record where " + where, args);
    }

    private static long maxSeq(UUID recordId) {
        return Db.count("select max(seq) from audit_record where record_id = ?", recordId);
    }

    /** As the PostgreSQL superuser, with triggers off: what only someone tampering with the database can do. */
    private static void bypassingTheTrigger(String sql) throws SQLException {
        String host = env("ANAISS_PG_HOST", "127.0.0.1");
        String port = env("ANAISS_PG_PORT", "5432");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/outreach",
                env("ANAISS_PG_SUPERUSER", "postgres"), env("ANAISS_PG_SUPERUSER_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.executeUpdate(sql);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
