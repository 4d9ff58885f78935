package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Statistics end to end over the real broker, through the gateway, as an adversary with a
 * statistician's account would try them. A period still open is not served: two answers around a new
 * case (opened, closed, erased, exported) are the same. A released period is served with a region
 * whose figures would be one team's masked as unit-too-small, the national total still counting it,
 * and then never changes: not by a later case, an erasure, a retention run, a forced export, a rebuild,
 * a noise key added, a restart. Outcomes are national only. (The control of the attack, against the old
 * behaviour, is stats-service's TimeDifferencingAttackTest, where the old publication is reproduced.)
 */
class StatsEndToEndIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String ROTATION_KEY = "it2:2999-01-01:0.5:aXQtb25seS1yb3RhdGlvbi1rZXktMzItYnl0ZXMtMDAwMQ==";
    static final String[] DIMS = { "region", "ageBand", "sex", "theme", "origin" };

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    private static JsonPath table(String measure, Map<String, ?> params) {
        return given().auth().oauth2(Tokens.user("ines")).queryParams(params).get("/api/stats/tables/" + measure)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The same from stats-service itself: a harvest asks hundreds of questions, beyond the gateway's rate limit. */
    private static JsonPath direct(String measure, Map<String, ?> params) {
        return given().baseUri(Suite.get().url(Suite.Service.STATS)).auth().oauth2(Tokens.user("ines")).queryParams(params)
                .get("/api/stats/tables/" + measure).then().statusCode(200).extract().jsonPath();
    }

    /**
     * What the attacker reads of these periods: every grouping of up to three dimensions, with and
     * without the region filter, each figure (null when masked, with its reason) by cell. (Through the
     * gateway an attacker gets the same, 20 questions a second.)
     */
    private static Map<String, String> harvest(String measure, String region, String[]... periods) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String[] p : periods) {
            for (int mask = 0; mask < 32; mask++) {
                if (Integer.bitCount(mask) > 3) {
                    continue;
                }
                List<String> groupBy = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    if ((mask & (1 << i)) != 0) {
                        groupBy.add(DIMS[i]);
                    }
                }
                for (boolean filtered : new boolean[] { false, true }) {
                    Map<String, Object> params = new LinkedHashMap<>(Map.of("granularity", p[0], "from", p[1], "to", p[1],
                            "groupBy", String.join(",", groupBy)));
                    if (filtered) {
                        params.put("region", region);
                    }
                    for (Map<String, Object> row : direct(measure, params).<Map<String, Object>>getList("rows")) {
                        StringBuilder cell = new StringBuilder(p[0]).append(' ').append(row.get("period"));
                        for (String d : DIMS) {
                            cell.append(' ').append(row.getOrDefault(d, "*"));
                        }
                        seen.put(cell.toString(), row.get("value") + (row.get("reason") == null ? "" : " " + row.get("reason")));
                    }
                }
            }
        }
        return seen;
    }

    private static void export(Map<String, String> params, int expectedTables) {
        given().auth().oauth2(Tokens.user("karim")).queryParams(params).post("/api/cases/admin/stats/export")
                .then().statusCode(200).body("tables", equalTo(expectedTables));
    }

    private static long count(String db, String sql, Object... args) throws Exception {
        try (Connection c = Db.superuser(db); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A year of the last century nothing was released of in this environment yet. */
    private static int unreleasedYear() throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            int year = 1900 + ThreadLocalRandom.current().nextInt(100);
            if (count("cases", "select count(*) from stats_export where snapshot_key like ?", "%/" + year + "%") == 0
                    && count("stats", "select count(*) from snapshot where period like ?", year + "%") == 0) {
                return year;
            }
        }
        throw new IllegalStateException("every year of 1900-1999 was released already in this environment: reset its databases");
    }

    /**
     * n cases of one region opened and closed in this month, held by these teams in turn, each team's by
     * its own social workers in turn (assignment and a contact each): what case-service records.
     */
    private static List<UUID> insertCases(int n, String region, YearMonth month, String[] teams, int workersPerTeam) throws Exception {
        List<UUID> persons = new ArrayList<>();
        try (Connection c = Db.superuser("cases")) {
            for (int i = 0; i < n; i++) {
                UUID person = UUID.randomUUID();
                UUID id = UUID.randomUUID();
                String team = teams[i % teams.length];
                String worker = team.toLowerCase() + "-sw" + (i / teams.length) % workersPerTeam;
                LocalDate opened = month.atDay(3 + i % 20);
                Instant openedAt = opened.atTime(10, 0).atZone(PARIS).toInstant();
                exec(c, """
                        insert into person (id, region, last_name, first_name, last_name_norm, first_name_norm, birth_date, sex,
                                            created_at, updated_at)
                        values (?, ?, ?, 'Lou', upper(?), 'LOU', ?, ?, now(), now())""", person, region, "Stat" + i, "Stat" + i,
                        LocalDate.of(month.getYear() - 30 - i % 30, 1, 1), i % 2 == 0 ? "FEMALE" : "MALE");
                exec(c, """
                        insert into support_case (id, person_id, region, team, assigned_to, theme, origin, status, closure_reason,
                                                  opened_at, closed_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, 'JOB_RETENTION', 'SELF', 'CLOSED', 'COMPLETED_AT_PERSONS_REQUEST', ?, ?, now(), now())""",
                        id, person, region, team, worker, openedAt.atOffset(ZoneOffset.UTC),
                        openedAt.plus(Duration.ofDays(5)).atOffset(ZoneOffset.UTC));
                exec(c, "insert into case_assignment (id, case_id, team, assigned_to, from_day) values (?, ?, ?, ?, ?)",
                        UUID.randomUUID(), id, team, worker, opened);
                exec(c, "insert into contact (id, case_id, occurred_at, mode, author, created_at) values (?, ?, ?, 'PHONE', ?, now())",
                        UUID.randomUUID(), id, openedAt.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC), worker);
                persons.add(person);
            }
        }
        return persons;
    }

    private static void exec(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** @return the person's id and the case's */
    private static String[] openCase(String user) {
        String personId = given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Lou", "birthDate", "1980-02-03", "sex", "MALE"))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
        return new String[] { personId, caseId };
    }

    /** Every stats-aggregates event of case-service relayed: what a forced export put in the outbox has left. */
    private static void awaitRelayed() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> count("cases",
                "select count(*) from outbox_event where topic = 'stats-aggregates' and sent_at is null") == 0);
    }

    @Test
    void twoAnswersAroundANewCaseInAnOpenPeriodAreTheSameNothingOfItIsServed() throws Exception {
        String month = YearMonth.now(PARIS).toString();
        String quarter = month.substring(0, 4) + "-Q" + ((YearMonth.now(PARIS).getMonthValue() - 1) / 3 + 1);
        String[][] open = { { "MONTH", month }, { "QUARTER", quarter }, { "YEAR", month.substring(0, 4) } };
        Map<String, String> question = Map.of("granularity", "MONTH", "from", month, "to", month, "groupBy", "region");
        String before = given().auth().oauth2(Tokens.user("ines")).queryParams(question).get("/api/stats/tables/cases_opened")
                .then().statusCode(200).extract().asString();
        Map<String, String> first = harvest("cases_opened", "RHONE_ALPES", open);

        openCase("alice");
        String closing = openCase("alice")[1];
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("status", "CLOSED", "closureReason", "COMPLETED_AT_PERSONS_REQUEST"))
                .post("/api/cases/" + closing + "/status").then().statusCode(200);
        String erased = openCase("emma")[0];
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + erased).then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        export(Map.of(), 0);
        awaitRelayed();

        String after = given().auth().oauth2(Tokens.user("ines")).queryParams(question).get("/api/stats/tables/cases_opened")
                .then().statusCode(200).extract().asString();
        Map<String, String> second = harvest("cases_opened", "RHONE_ALPES", open);
        System.out.printf("GET /api/stats/tables/cases_opened %s%n  before a new case: %s%n  after it (opened, another closed, "
                + "one erased, export forced): %s%n", question, before, after);
        assertThat(second).isEqualTo(first).isEmpty();
        assertThat(JsonPath.from(after).getList("rows")).isEqualTo(JsonPath.from(before).getList("rows")).isEmpty();
        assertThat(count("stats", "select count(*) from snapshot where period = ? or period = ? or period = ?", month, quarter,
                month.substring(0, 4))).as("nothing of the open period reached stats-service").isZero();
        assertThat(count("cases", "select count(*) from outbox_event where topic = 'stats-aggregates' and record_key like ?",
                "%/" + month)).isZero();
        // the tables list the periods released and when the next one is
        JsonPath tables = given().auth().oauth2(Tokens.user("ines")).get("/api/stats/tables").then().statusCode(200).extract().jsonPath();
        assertThat(tables.getList("find { it.measure == 'cases_opened' }.released.MONTH", String.class)).doesNotContain(month);
        assertThat(tables.getString("find { it.measure == 'cases_opened' }.nextRelease.MONTH.period")).isLessThan(month);
    }

    @Test
    void aReleasedPeriodMasksTheRegionOfOneTeamAndNeverChangesAgain() throws Exception {
        int year = unreleasedYear();
        YearMonth june = YearMonth.of(year, 6);
        String month = june.toString();
        String[][] periods = { { "MONTH", month }, { "QUARTER", year + "-Q2" }, { "YEAR", String.valueOf(year) } };
        insertCases(45, "RHONE_ALPES", june, new String[] { "RA-LYON", "RA-GRENOBLE", "RA-SAINT-ETIENNE" }, 4);
        List<UUID> bretons = insertCases(40, "BRETAGNE", june, new String[] { "BR-RENNES" }, 10);
        insertCases(12, "NORMANDIE", june, new String[] { "NO-CAEN", "NO-CAEN", "NO-CAEN", "NO-ROUEN", "NO-EVREUX" }, 4);
        for (String[] p : periods) {
            export(Map.of("granularity", p[0], "period", p[1]), 3);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> table("cases_opened",
                Map.of("granularity", "YEAR", "from", String.valueOf(year), "to", String.valueOf(year))).getList("rows").size() == 1
                && table("cases_opened", Map.of("granularity", "MONTH", "from", month, "to", month)).getList("rows").size() == 1);

        JsonPath byRegion = table("cases_opened", Map.of("granularity", "MONTH", "from", month, "to", month, "groupBy", "region"));
        System.out.println("a released month, by region: " + byRegion.getList("rows"));
        Map<String, Object> rhone = row(byRegion, "RHONE_ALPES");
        assertThat(rhone.get("masked")).isEqualTo(false);
        assertThat((Integer) rhone.get("value")).as("45 cases, three teams: published, noisy").isBetween(45 - 19, 45 + 19);
        for (String small : List.of("BRETAGNE", "NORMANDIE", "AUVERGNE")) {
            assertThat(row(byRegion, small)).as(small).containsEntry("value", null).containsEntry("reason", "unit-too-small");
        }
        JsonPath brittany = table("cases_opened", Map.of("granularity", "MONTH", "from", month, "to", month, "groupBy",
                "ageBand,sex", "region", "BRETAGNE"));
        assertThat(brittany.getList("rows.reason")).hasSize(15).containsOnly("unit-too-small");
        Integer national = table("cases_opened", Map.of("granularity", "MONTH", "from", month, "to", month)).get("rows[0].value");
        assertThat(national).as("the national total counts the masked regions: 97 cases").isBetween(97 - 19, 97 + 19);
        Integer closedNationally = table("cases_closed", Map.of("granularity", "MONTH", "from", month, "to", month)).get("rows[0].value");
        assertThat(closedNationally).isBetween(97 - 19, 97 + 19);
        for (Map<String, String> regional : List.of(Map.of("groupBy", "region"), Map.of("region", "BRETAGNE"))) {
            given().auth().oauth2(Tokens.user("ines")).queryParam("granularity", "MONTH").queryParams(regional)
                    .get("/api/stats/tables/cases_closed").then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://anaiss.example/problems/not-a-permitted-purpose"))
                    .body("detail", containsString("released nationally only"));
        }
        Map<String, String> first = harvest("cases_opened", "BRETAGNE", periods);
        Map<String, String> firstPersons = harvest("persons_accompanied", "RHONE_ALPES", periods);

        // the attack: one case more, one erased, a retention run (which deletes all of that year), exports forced
        insertCases(1, "RHONE_ALPES", june, new String[] { "RA-LYON" }, 1);
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + bretons.get(0)).then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/retention/runs").then().statusCode(200);
        assertThat(count("cases", "select count(*) from support_case where opened_at >= ? and opened_at < ?",
                june.atDay(1).atStartOfDay(PARIS).toOffsetDateTime(), june.plusMonths(1).atDay(1).atStartOfDay(PARIS).toOffsetDateTime()))
                .as("the retention run deleted that year's cases").isZero();
        export(Map.of(), 0);
        for (String[] p : periods) {
            export(Map.of("granularity", p[0], "period", p[1]), 0);
        }
        awaitRelayed();
        assertThat(harvest("cases_opened", "BRETAGNE", periods)).as("after new case, erasure, retention, exports").isEqualTo(first);

        // a rebuild from the topic, then a restart with a new noise key (activated after every release)
        given().auth().oauth2(Tokens.user("karim")).post("/api/stats/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> given().auth()
                .oauth2(Tokens.user("karim")).get("/api/stats/admin/rebuild").then().extract().path("state"), s -> !"RUNNING".equals(s));
        assertThat(given().auth().oauth2(Tokens.user("karim")).get("/api/stats/admin/rebuild").then().extract().<String>path("state"))
                .isEqualTo("DONE");
        assertThat(harvest("cases_opened", "BRETAGNE", periods)).as("after a rebuild").isEqualTo(first);
        Suite.get().stop(Suite.Service.STATS);
        Suite.get().start(Suite.Service.STATS, Map.of("ANAISS_STATS_NOISE_KEYS", Env.DEV_NOISE_KEY + "," + ROTATION_KEY));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> given()
                .auth().oauth2(Tokens.user("ines")).get("/api/stats/tables").statusCode() == 200);
        assertThat(harvest("cases_opened", "BRETAGNE", periods)).as("after a new key and a restart").isEqualTo(first);
        assertThat(harvest("persons_accompanied", "RHONE_ALPES", periods)).isEqualTo(firstPersons);
    }

    private static Map<String, Object> row(JsonPath answer, String region) {
        return answer.<Map<String, Object>>getList("rows").stream().filter(r -> region.equals(r.get("region"))).findFirst().orElseThrow();
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
