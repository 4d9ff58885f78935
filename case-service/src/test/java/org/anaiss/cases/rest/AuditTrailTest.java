package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every read and write of personal data leaves one audit record; the trail is append-only and tamper-evident. */
@QuarkusTest
class AuditTrailTest {

    private static long auditRows(String column, String id) throws SQLException {
        return Db.count("select count(*) from audit_record where " + column + " = ?", UUID.fromString(id));
    }

    @Test
    void everyReadOfACaseWritesExactlyOneAuditRecord() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        long before = auditRows("case_id", caseId);

        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        assertThat(auditRows("case_id", caseId)).isEqualTo(before + 1);
        assertThat(Db.count("select count(*) from audit_record where case_id = ? and action = 'READ' and actor = 'alice' "
                + "and actor_role = 'social-worker' and record_type = 'CASE'", UUID.fromString(caseId))).isEqualTo(1);

        given().auth().oauth2(Tokens.user("bruno")).get("/api/cases/" + caseId).then().statusCode(200);
        assertThat(auditRows("case_id", caseId)).isEqualTo(before + 2);
    }

    @Test
    void everyReadOfAPersonAndOfContactsIsAudited() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        String personId = given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId)
                .then().extract().path("person.id");
        long personBefore = auditRows("person_id", personId);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/persons/" + personId).then().statusCode(200);
        assertThat(auditRows("person_id", personId)).isEqualTo(personBefore + 1);

        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-02-01T09:00:00Z", "mode", "OFFICE", "notes", "First interview."))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);
        long before = Db.count("select count(*) from audit_record where case_id = ? and record_type = 'CONTACT' and action = 'READ'",
                UUID.fromString(caseId));
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/contacts").then().statusCode(200)
                .body("$", hasSize(1));
        assertThat(Db.count("select count(*) from audit_record where case_id = ? and record_type = 'CONTACT' and action = 'READ'",
                UUID.fromString(caseId))).isEqualTo(before + 1);
    }

    @Test
    void aRefusedReadWritesNothingAboutTheCase() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        long before = auditRows("case_id", caseId);
        given().auth().oauth2(Tokens.user("david")).get("/api/cases/" + caseId).then().statusCode(404);
        assertThat(auditRows("case_id", caseId)).isEqualTo(before);
    }

    @Test
    void dpoReadsTheRecordsOfACaseAndOfAPeriod() {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        given().auth().oauth2(Tokens.user("jules")).queryParam("caseId", caseId).get("/api/cases/audit")
                .then().statusCode(200)
                .body("action", org.hamcrest.Matchers.hasItems("CREATE", "READ"))
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo("alice")));
        given().auth().oauth2(Tokens.user("jules"))
                .queryParam("from", Instant.now().minusSeconds(600).toString()).queryParam("to", Instant.now().plusSeconds(60).toString())
                .queryParam("reason", "Monthly review of the trail")
                .get("/api/cases/audit").then().statusCode(200);
        given().auth().oauth2(Tokens.user("jules")).queryParam("actor", "alice").get("/api/cases/audit")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anAuditRowWhoseHashWasErasedIsReportedBroken() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        long seq = Db.count("select min(seq) from audit_record where case_id = ?", UUID.fromString(caseId));
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        String hash;
        try (Connection c = Db.superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select encode(hash, 'hex') from audit_record where seq = " + seq)) {
            rs.next();
            hash = rs.getString(1);
        }
        assertBrokenAtThenIntactOnceRepaired(seq, "update audit_record set hash = null where seq = " + seq,
                "update audit_record set hash = decode('" + hash + "', 'hex') where seq = " + seq);
    }

    @Test
    void tamperingWithAnAuditRowIsDetectedByTheVerification() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        long seq = Db.count("select max(seq) from audit_record where case_id = ?", UUID.fromString(caseId));
        String before = given().auth().oauth2(Tokens.user("jules")).get("/api/cases/audit/verification")
                .then().statusCode(200).extract().asString();
        assertThat(before).as("the trail is intact before tampering").contains("\"intact\":true");

        assertBrokenAtThenIntactOnceRepaired(seq, "update audit_record set actor = 'mallory' where seq = " + seq,
                "update audit_record set actor = 'alice' where seq = " + seq);
        given().auth().oauth2(Tokens.user("jules")).queryParam("from", Instant.now().toString())
                .queryParam("to", Instant.now().minusSeconds(3600).toString()).get("/api/cases/audit/verification")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aVerificationCoversOnlyItsPeriodButLinksItsFirstRecordsToTheirPredecessors() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        long seq = Db.count("select max(seq) from audit_record where case_id = ?", UUID.fromString(caseId));
        String at = given().auth().oauth2(Tokens.user("jules")).queryParam("caseId", caseId).get("/api/cases/audit")
                .then().statusCode(200).extract().path("find { it.seq == " + seq + " }.at");
        Instant written = Instant.parse(at);
        Db.bypassingTheTrigger("update audit_record set actor = 'mallory' where seq = " + seq);
        try {
            // a period that ends before the altered record does not see it...
            given().auth().oauth2(Tokens.user("jules")).queryParam("from", written.minusSeconds(86_400).toString())
                    .queryParam("to", written.toString()).get("/api/cases/audit/verification")
                    .then().statusCode(200).body("intact", equalTo(true));
            // ...one that starts with it finds it
            given().auth().oauth2(Tokens.user("jules")).queryParam("from", written.toString())
                    .queryParam("to", written.plusSeconds(1).toString()).get("/api/cases/audit/verification")
                    .then().statusCode(200).body("intact", equalTo(false)).body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            Db.bypassingTheTrigger("update audit_record set actor = 'alice' where seq = " + seq);
        }
    }

    @Test
    void concurrentReadsKeepEveryChainIntact() throws Exception {
        String caseId = Fixtures.createCase("alice");
        String token = Tokens.user("alice");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 96; i++) {
                calls.add(pool.submit(() -> given().auth().oauth2(token).get("/api/cases/" + caseId).statusCode()));
            }
            for (var call : calls) {
                assertThat(call.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theServiceRoleCannotChangeOrDeleteAuditRecords() throws SQLException {
        Fixtures.createCase("alice");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/cases", "cases",
                "cases-local-only"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_record set actor = 'x' where seq = (select max(seq) from audit_record)"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_record where seq = (select max(seq) from audit_record)"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeUpdate("truncate audit_record")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void auditRecordsCarryTheRequestId() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", "req-audit-0001")
                .get("/api/cases/" + caseId).then().statusCode(200);
        try (Connection c = Db.superuser();
                PreparedStatement ps = c.prepareStatement("select request_id from audit_record where case_id = ? and action = 'READ'")) {
            ps.setObject(1, UUID.fromString(caseId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("req-audit-0001");
            }
        }
    }

    /**
     * Tampers with record {@code seq} as a superuser bypassing the trigger: the verification of the
     * default period must name it as the first broken record; once repaired, the trail is intact again.
     */
    private static void assertBrokenAtThenIntactOnceRepaired(long seq, String tamper, String repair) throws SQLException {
        Db.bypassingTheTrigger(tamper);
        try {
            given().auth().oauth2(Tokens.user("jules")).get("/api/cases/audit/verification")
                    .then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            Db.bypassingTheTrigger(repair);
        }
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/audit/verification")
                .then().statusCode(200).body("intact", equalTo(true));
    }

    private static String pgPort() {
        String p = System.getenv("ANAISS_PG_PORT");
        return p == null || p.isBlank() ? "5432" : p;
    }
}
