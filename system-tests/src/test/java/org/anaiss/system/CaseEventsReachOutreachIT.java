package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * A message produced by one service is consumed by another over the real broker: a case opened in
 * case-service reaches outreach-service through the outbox and the case-events topic, and
 * outreach-service then knows the person (by key only) has an open case.
 */
class CaseEventsReachOutreachIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void caseOpenedInCaseServiceIsKnownToOutreachService() throws Exception {
        String token = Tokens.user("alice");
        String personId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Jeanne", "birthDate",
                        Fixtures.birthDate().toString(), "sex", "FEMALE", "nir", Fixtures.nir(71, 4)))
                .post("/api/cases/persons")
                .then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases")
                .then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> knownCaseStatus(UUID.fromString(caseId)) != null);
        assertThat(knownCaseStatus(UUID.fromString(caseId))).isEqualTo("OPEN");
    }

    private static String knownCaseStatus(UUID caseId) throws Exception {
        try (Connection c = Db.superuser("outreach");
                PreparedStatement ps = c.prepareStatement("select status from known_case where case_id = ?")) {
            ps.setObject(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
