package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The audit trail stays an instrument of control: a period read covers 31 days at most and gives a
 * reason; one person's actions are read only for a named incident; every reading is recorded where
 * admins see it and nobody can change it.
 */
@QuarkusTest
class AuditReadingTest {

    private static RequestSpecification dpo() {
        return given().auth().oauth2(Tokens.user("jules"));
    }

    private static String reason() {
        return "Contrôle mensuel " + UUID.randomUUID();
    }

    private static long readingsWithReason(String reason) throws SQLException {
        return Db.count("select count(*) from audit_reading where reason = ?", reason);
    }

    @Test
    void aPeriodOver31DaysIsRefusedAndNothingIsRecorded() throws SQLException {
        Instant to = Instant.now();
        String reason = reason();
        dpo().queryParam("from", to.minus(Duration.ofDays(32)).toString()).queryParam("to", to.toString()).queryParam("reason", reason)
                .get("/api/cases/audit").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("period-too-long")).body("detail", containsString("31 days"));
        assertThat(readingsWithReason(reason)).isZero();
        // 31 days exactly is allowed
        dpo().queryParam("from", to.minus(Duration.ofDays(31)).toString()).queryParam("to", to.toString()).queryParam("reason", reason)
                .queryParam("limit", 1).get("/api/cases/audit").then().statusCode(200);
        assertThat(readingsWithReason(reason)).isEqualTo(1);
    }

    @Test
    void aPeriodReadNeedsAReason() {
        Instant to = Instant.now();
        dpo().queryParam("from", to.minus(Duration.ofDays(1)).toString()).queryParam("to", to.toString())
                .get("/api/cases/audit").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("reason-required"));
        dpo().queryParam("from", to.minus(Duration.ofDays(1)).toString()).queryParam("to", to.toString()).queryParam("reason", "why")
                .get("/api/cases/audit").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("invalid-reason"));
    }

    @Test
    void anActorIsReadOnlyForANamedIncident() throws SQLException {
        // the period starts just before this test's case: alice's earlier records (other tests, earlier runs on a
        // database that persists) would otherwise fill the page and push this case out of it
        String from = Instant.now().minusSeconds(2).toString();
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("bruno")).get("/api/cases/" + caseId).then().statusCode(200);
        Instant to = Instant.now().plusSeconds(60);
        String reason = reason();
        // no incident, a reason that names none, a malformed reference, or no period: refused, nothing recorded
        dpo().queryParam("actor", "alice").queryParam("from", from).queryParam("to", to.toString()).queryParam("reason", reason)
                .get("/api/cases/audit").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("incident-required"));
        dpo().queryParam("actor", "alice").queryParam("from", from).queryParam("to", to.toString()).queryParam("reason", reason)
                .queryParam("incident", "the laptop incident").get("/api/cases/audit").then().statusCode(400)
                .body("type", endsWith("incident-required"));
        dpo().queryParam("actor", "alice").queryParam("reason", reason).queryParam("incident", "INC-2026-0042")
                .get("/api/cases/audit").then().statusCode(400).contentType("application/problem+json");
        dpo().queryParam("actor", "alice").queryParam("from", from).queryParam("to", to.toString()).queryParam("incident", "INC-2026-0042")
                .get("/api/cases/audit").then().statusCode(400).body("type", endsWith("reason-required"));
        assertThat(readingsWithReason(reason)).isZero();

        // with the incident's reference: alice's records only, and the reading is recorded with it
        List<Map<String, Object>> records = dpo().queryParam("actor", "alice").queryParam("from", from).queryParam("to", to.toString())
                .queryParam("reason", reason).queryParam("incident", "INC-2026-0042").queryParam("limit", 1000)
                .get("/api/cases/audit").then().statusCode(200)
                .body("actor", everyItem(equalTo("alice"))).body("caseId", hasItem(caseId))
                .extract().jsonPath().getList("");
        assertThat(records).isNotEmpty();
        assertThat(Db.count("select count(*) from audit_reading where reason = ? and reader = 'jules' and reader_role = 'dpo' "
                + "and filter_kind = 'ACTOR' and incident = 'INC-2026-0042' and filter like '%\"actor\":\"alice\"%'", reason))
                .isEqualTo(1);
    }

    @Test
    void aValidReadAppearsInTheTrailOfReadingsShownToAdminsOnly() {
        Instant to = Instant.now().plusSeconds(60);
        Instant from = to.minus(Duration.ofDays(7));
        String reason = reason();
        dpo().queryParam("from", from.toString()).queryParam("to", to.toString()).queryParam("reason", reason).queryParam("limit", 5)
                .get("/api/cases/audit").then().statusCode(200);
        String caseId = Fixtures.createCase("alice");
        dpo().queryParam("caseId", caseId).get("/api/cases/audit").then().statusCode(200);

        JsonPath readings = given().auth().oauth2(Tokens.user("karim")).get("/api/cases/admin/audit-readings")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> period = readings.getMap("find { it.reason == '" + reason + "' }");
        assertThat(period).isNotNull().containsEntry("reader", "jules").containsEntry("readerRole", "dpo")
                .containsEntry("filterKind", "PERIOD");
        assertThat((String) period.get("filter")).contains(from.toString()).contains(to.toString());
        assertThat(Instant.parse((String) period.get("readAt"))).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
        Map<String, Object> perCase = readings.getMap("find { it.filterKind == 'CASE' && it.filter.contains('" + caseId + "') }");
        assertThat(perCase).isNotNull().containsEntry("reader", "jules");

        // the DPO reads the trail, not the trail of their readings; nobody else either
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/admin/audit-readings").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/admin/audit-readings").then().statusCode(403);
        given().get("/api/cases/admin/audit-readings").then().statusCode(401);
        given().auth().oauth2(Tokens.user("karim")).queryParam("from", Instant.now().toString())
                .queryParam("to", Instant.now().minusSeconds(60).toString()).get("/api/cases/admin/audit-readings")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theTrailOfReadingsCannotBeAltered() throws SQLException {
        String reason = reason();
        Instant to = Instant.now();
        dpo().queryParam("from", to.minus(Duration.ofDays(1)).toString()).queryParam("to", to.toString()).queryParam("reason", reason)
                .queryParam("limit", 1).get("/api/cases/audit").then().statusCode(200);
        assertThat(readingsWithReason(reason)).isEqualTo(1);
        // not even the database's superuser, short of disabling the triggers
        assertThatThrownBy(() -> Db.update("update audit_reading set reason = 'nothing to see' where reason = ?", reason))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Db.update("delete from audit_reading where reason = ?", reason)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Db.update("truncate audit_reading")).hasMessageContaining("append-only");
        assertThat(readingsWithReason(reason)).isEqualTo(1);
    }

    @Test
    void noOperationOfTheTrailCountsPerUser() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths.keySet().stream().filter(p -> p.contains("audit")))
                .containsExactlyInAnyOrder("/api/cases/audit", "/api/cases/audit/verification", "/api/cases/audit/verifications",
                        "/api/cases/audit/verifications/{jobId}", "/api/cases/admin/audit-readings");
        assertThat(doc.getList("paths.'/api/cases/audit'.get.parameters.name", String.class))
                .containsExactlyInAnyOrder("caseId", "personId", "from", "to", "actor", "reason", "incident", "afterSeq", "limit");
    }
}
