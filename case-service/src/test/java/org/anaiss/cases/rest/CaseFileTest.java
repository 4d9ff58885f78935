package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The case file in one read: the same content as the separate reads, and exactly the audit records they would
 * write (one read of the case, one per contact and plan step, one listing per document), under one request id.
 */
@QuarkusTest
class CaseFileTest {

    @Test
    void aCaseFileIsReadWholeInOneRequestAndAuditedAsTheSeparateReadsWouldBe() throws SQLException {
        String alice = Tokens.user("alice");
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", Instant.now().minus(1, ChronoUnit.DAYS).toString(), "mode", "PHONE", "notes", "Appel de suivi."))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("occurredAt", Instant.now().toString(), "mode", "HOME_VISIT"))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("text", "Demander la RQTH"))
                .post("/api/cases/" + caseId + "/plan-steps").then().statusCode(201);
        given().auth().oauth2(alice).contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"avis.pdf\"")
                .body("%PDF-1.4 test".getBytes()).post("/api/cases/" + caseId + "/documents").then().statusCode(201);
        given().auth().oauth2(alice).contentType(ContentType.JSON).body(Map.of("status", "ON_HOLD"))
                .post("/api/cases/" + caseId + "/status").then().statusCode(200);

        String requestId = "case-file-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("bruno")).header("X-Request-Id", requestId).get("/api/cases/" + caseId + "/file")
                .then().statusCode(200)
                .body("case.id", equalTo(caseId)).body("case.status", equalTo("ON_HOLD"))
                .body("statusHistory.status", contains("OPEN", "ON_HOLD"))
                .body("contacts", hasSize(2)).body("contacts[0].mode", equalTo("HOME_VISIT"))
                .body("contacts[1].notes", equalTo("Appel de suivi."))
                .body("planSteps.text", contains("Demander la RQTH"))
                .body("documents.fileName", contains("avis.pdf"));

        List<String> audited = Db.strings("select record_type || ' ' || action from audit_record where request_id = ? "
                + "and case_id = ? and actor = 'bruno' order by record_type, action", requestId, UUID.fromString(caseId));
        assertThat(audited).containsExactly("CASE READ", "CONTACT READ", "CONTACT READ", "DOCUMENT LIST", "PLAN_STEP READ");
    }

    @Test
    void aCaseOfAnotherTeamIsNotFoundAndNothingIsAudited() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        String requestId = "case-file-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("david")).header("X-Request-Id", requestId).get("/api/cases/" + caseId + "/file")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(Db.count("select count(*) from audit_record where request_id = ?", requestId)).isZero();
    }
}
