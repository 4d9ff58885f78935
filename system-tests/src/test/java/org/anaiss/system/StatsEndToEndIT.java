package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Statistics end to end over the real broker: cases opened in case-service reach the stats API after
 * an export, large counts close to the truth (deterministic noise of a few units), small cells never
 * published below the threshold; and each role stays on its side.
 */
class StatsEndToEndIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    private static String openCase(String user, LocalDate birth, String sex, String theme, String origin) {
        String personId = given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Lou", "birthDate", birth.toString(), "sex", sex))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", theme, "origin", origin))
                .post("/api/cases").then().statusCode(201).extract().path("id");
    }

    private static JsonPath table(String query) {
        return given().auth().oauth2(Tokens.user("ines")).get("/api/stats/tables/cases_opened?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The highest snapshot version behind the answer, 0 when none. */
    private static long version(JsonPath answer) {
        List<Object> versions = answer.getList("metadata.sources.version");
        return versions.stream().mapToLong(v -> Long.parseLong(String.valueOf(v))).max().orElse(0);
    }

    private static long exactOpened(String region, String month) throws Exception {
        try (Connection c = Db.superuser("cases"); PreparedStatement ps = c.prepareStatement(
                "select count(*) from support_case where region = ? and to_char(opened_at at time zone 'Europe/Paris', 'YYYY-MM') = ?")) {
            ps.setString(1, region);
            ps.setString(2, month);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void casesOpenedAppearInTheStatisticsProtected() throws Exception {
        String month = LocalDate.now(PARIS).toString().substring(0, 7);
        String query = "granularity=MONTH&from=" + month + "&to=" + month + "&groupBy=region";
        long before = version(table(query));

        for (int i = 0; i < 25; i++) {
            openCase("alice", LocalDate.of(1980, 1, 1).plusDays(i), "MALE", "JOB_RETENTION", "SELF");
        }
        // a small cell: three people of 70 in Brittany, unknown sex, after a hospital stay
        for (int i = 0; i < 3; i++) {
            openCase("emma", LocalDate.now().minusYears(70).minusDays(i), "UNKNOWN", "HOSPITAL_DISCHARGE", "HOSPITAL");
        }

        // the next export after these writes
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> version(table(query)) > before && exactOpened("RHONE_ALPES", month) > 0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonPath byRegion = table(query);
            Integer published = byRegion.get("rows.find { it.region == 'RHONE_ALPES' }.value");
            long exact = exactOpened("RHONE_ALPES", month);
            assertThat(published).as("a large count is published, close to the truth").isNotNull();
            // discrete Laplace noise at epsilon 0.5: |noise| > 25 has a probability below 1e-5
            assertThat((long) published).isBetween(exact - 25, exact + 25);
        });

        JsonPath cell = table("granularity=MONTH&from=" + month + "&to=" + month
                + "&groupBy=ageBand,sex,theme,origin&region=BRETAGNE&sex=UNKNOWN&theme=HOSPITAL_DISCHARGE&origin=HOSPITAL&ageBand=65_PLUS");
        Integer value = cell.get("rows[0].value");
        assertThat(value == null || value >= cell.getInt("metadata.protection.threshold"))
                .as("a published figure is never below the threshold").isTrue();
        assertThat(cell.getList("rows.value", Integer.class))
                .allMatch(v -> v == null || v >= 11);
    }

    @Test
    void aBreakdownByTeamOrWorkerIsNotAPermittedPurpose() {
        for (String dimension : List.of("team", "worker", "assignedTo", "site")) {
            given().auth().oauth2(Tokens.user("ines")).queryParam("granularity", "MONTH").queryParam("groupBy", dimension)
                    .get("/api/stats/tables/cases_opened")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void eachRoleStaysOnItsSide() {
        given().auth().oauth2(Tokens.user("alice")).get("/api/stats/tables").then().statusCode(403);
        given().auth().oauth2(Tokens.user("ines")).get("/api/cases").then().statusCode(403);
        given().auth().oauth2(Tokens.user("ines")).get("/api/stats/tables").then().statusCode(200);
    }
}
