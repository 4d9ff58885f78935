package org.anaiss.cases.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.anaiss.cases.service.StaffDirectory;
import org.anaiss.cases.domain.StatsPeriod;
import org.anaiss.cases.domain.StatsPeriod.Granularity;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.IsolatedDatabase;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.PrivateKafka;
import org.anaiss.cases.support.Schemas;
import org.anaiss.cases.support.Tokens;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * The statistics release, on a database and a broker of its own: only released periods leave, each
 * exactly once, whatever happens to the data afterwards; a period still open never leaves; a region
 * whose figure would be the work of one team, of a team holding most of it, or of too few social
 * workers is sent as a marker, while the national cells still count it; and nothing identifies a
 * person or a member of staff.
 */
@QuarkusTest
@TestProfile(StatsExportTest.OnItsOwn.class)
class StatsExportTest {

    public static class OnItsOwn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateKafka.class), new TestResourceEntry(IsolatedDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anaiss.cases.stats.interval", "off", "anaiss.cases.retention.cron", "off",
                    "anaiss.cases.audit-verification.interval", "off");
        }
    }

    static final Schema SCHEMA = Schemas.load("case-service/src/main/resources/schemas/stats-aggregates.v2.json");
    static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern NIR_LIKE = Pattern.compile("[12][0-9]{12}");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Duration DELAY = Duration.ofDays(45);

    @Inject
    StatsExporter exporter;
    @Inject
    StaffDirectory directory;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "anaiss.test.database")
    String database;

    /** A month released long enough ago (its quarter and year may not be). */
    private static final YearMonth RELEASED = YearMonth.now(PARIS).minusMonths(4);

    private static StatsPeriod month(YearMonth m) {
        return StatsPeriod.containing(Granularity.MONTH, m.atDay(1));
    }

    private static boolean released(StatsPeriod p) {
        return !p.release(PARIS, DELAY).isAfter(Instant.now());
    }

    // ------------------------------------------------------------------ data, straight into the database

    private record Case(String region, String team, String worker, LocalDate opened, LocalDate closed, String sex,
            LocalDate birth, String theme, String origin) {
    }

    private int seq;

    /** Inserts persons and cases with their assignment and one contact by their social worker; returns the person ids. */
    private List<UUID> insert(List<Case> cases) throws SQLException {
        List<UUID> persons = new ArrayList<>();
        try (Connection c = IsolatedDatabase.superuser(database)) {
            for (Case k : cases) {
                UUID person = UUID.randomUUID();
                UUID id = UUID.randomUUID();
                String name = Fixtures.uniqueName();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into person (id, region, last_name, first_name, last_name_norm, first_name_norm, birth_date, sex,
                                            created_at, updated_at)
                        values (?, ?, ?, 'Anne', upper(?), 'ANNE', ?, ?, now(), now())""")) {
                    ps.setObject(1, person);
                    ps.setString(2, k.region());
                    ps.setString(3, name);
                    ps.setString(4, name);
                    ps.setObject(5, k.birth());
                    ps.setString(6, k.sex());
                    ps.executeUpdate();
                }
                Instant opened = k.opened().atTime(10, seq++ % 50).atZone(PARIS).toInstant();
                Instant closed = k.closed() == null ? null : k.closed().atTime(16, 0).atZone(PARIS).toInstant();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into support_case (id, person_id, region, team, assigned_to, theme, origin, status, closure_reason,
                                                  opened_at, closed_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())""")) {
                    ps.setObject(1, id);
                    ps.setObject(2, person);
                    ps.setString(3, k.region());
                    ps.setString(4, k.team());
                    ps.setString(5, k.worker());
                    ps.setString(6, k.theme());
                    ps.setString(7, k.origin());
                    ps.setString(8, closed == null ? "OPEN" : "CLOSED");
                    ps.setString(9, closed == null ? null : "COMPLETED_AT_PERSONS_REQUEST");
                    ps.setObject(10, opened.atOffset(java.time.ZoneOffset.UTC));
                    ps.setObject(11, closed == null ? null : closed.atOffset(java.time.ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into case_assignment (id, case_id, team, assigned_to, from_day) values (?, ?, ?, ?, ?)""")) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, id);
                    ps.setString(3, k.team());
                    ps.setString(4, k.worker());
                    ps.setObject(5, k.opened());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into contact (id, case_id, occurred_at, mode, author, created_at) values (?, ?, ?, 'OFFICE', ?, now())""")) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, id);
                    ps.setObject(3, opened.plusSeconds(3600).atOffset(java.time.ZoneOffset.UTC));
                    ps.setString(4, k.worker());
                    ps.executeUpdate();
                }
                persons.add(person);
            }
        }
        return persons;
    }

    /** n cases opened on this day, held by these teams in turn, each team's cases by its own social workers in turn. */
    private static List<Case> cases(int n, String region, LocalDate day, String[] teams, int workersPerTeam, String theme) {
        List<Case> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String team = teams[i % teams.length];
            String worker = team.toLowerCase() + "-w" + (i / teams.length) % workersPerTeam;
            list.add(new Case(region, team, worker, day, null, i % 2 == 0 ? "FEMALE" : "MALE", LocalDate.of(1970 + i % 30, 3, 1),
                    theme, "SELF"));
        }
        return list;
    }

    // ------------------------------------------------------------------ reading what was released

    private List<ConsumerRecord<String, String>> export(KafkaConsumer<String, String> tail, int expectedTables) throws Throwable {
        int tables = VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow());
        assertThat(tables).isEqualTo(expectedTables);
        return Kafka.await(tail, r -> true, expectedTables, Duration.ofSeconds(60));
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cell with exactly these dimension values (null = all): its count, its marker, or null when absent. */
    private static JsonNode cell(JsonNode snapshot, Object... dims) {
        for (JsonNode c : snapshot.path("data").path("cells")) {
            boolean match = true;
            for (int i = 0; i < dims.length && match; i++) {
                match = dims[i] == null ? c.get(i).isNull() : dims[i].equals(c.get(i).asText());
            }
            if (match) {
                return c.get(dims.length);
            }
        }
        return null;
    }

    private static JsonNode find(List<ConsumerRecord<String, String>> records, String key, ObjectMapper json) {
        List<ConsumerRecord<String, String>> found = records.stream().filter(r -> r.key().equals(key)).toList();
        assertThat(found).as(key + " released once").hasSize(1);
        try {
            return json.readTree(found.get(0).value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void onlyReleasedPeriodsLeaveEachExactlyOnceAndTheStaffRuleMasksSmallUnits() throws Throwable {
        LocalDate day = RELEASED.atDay(10);
        List<Case> all = new ArrayList<>();
        // RHONE_ALPES: three teams of four social workers, evenly loaded: released
        all.addAll(cases(36, "RHONE_ALPES", day, new String[] { "RA-LYON", "RA-GRENOBLE", "RA-SAINT-ETIENNE" }, 4, "JOB_RETENTION"));
        // BRETAGNE: one team (twelve social workers): masked
        all.addAll(cases(30, "BRETAGNE", day, new String[] { "BR-RENNES" }, 12, "DISABILITY"));
        // NORMANDIE: three teams, one holding most of the cases (ten social workers in all): masked
        all.addAll(cases(40, "NORMANDIE", day, new String[] { "NO-CAEN" }, 6, "AUTONOMY"));
        all.addAll(cases(10, "NORMANDIE", day, new String[] { "NO-ROUEN" }, 2, "AUTONOMY"));
        all.addAll(cases(10, "NORMANDIE", day, new String[] { "NO-EVREUX" }, 2, "AUTONOMY"));
        // AUVERGNE: three teams evenly loaded, six social workers: masked
        all.addAll(cases(30, "AUVERGNE", day, new String[] { "AU-A", "AU-B", "AU-C" }, 2, "OTHER"));
        // this month: a period still open
        all.addAll(cases(36, "RHONE_ALPES", LocalDate.now(PARIS), new String[] { "RA-LYON", "RA-GRENOBLE", "RA-SAINT-ETIENNE" }, 4,
                "JOB_RETENTION"));
        insert(all);

        List<StatsPeriod> window = StatsPeriod.releasedWithin(Instant.now(), Duration.ofDays(365), PARIS, DELAY);
        assertThat(window).contains(month(RELEASED)).doesNotContain(month(YearMonth.now(PARIS)));
        List<ConsumerRecord<String, String>> records;
        try (KafkaConsumer<String, String> tail = Kafka.tailUnauthenticated(PrivateKafka.bootstrap(), "stats-aggregates")) {
            records = export(tail, window.size() * 3);
        }
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            assertThat(Schemas.errors(SCHEMA, r.value())).as(r.key()).isEmpty();
            assertThat(keys.add(r.key())).as(r.key() + " once").isTrue();
            JsonNode s = parse(r.value());
            StatsPeriod p = StatsPeriod.parse(Granularity.valueOf(s.at("/data/granularity").asText()), s.at("/data/period").asText())
                    .orElseThrow();
            assertThat(released(p)).as(r.key() + " is released").isTrue();
            assertThat(s.at("/data/released").asBoolean()).isTrue();
            assertThat(UUID_LIKE.matcher(r.value()).find()).as("no id of anything").isFalse();
            String withoutVersion = r.value().replaceAll("\"version\":[0-9]+", "").replaceAll("@[0-9]+\"", "\"");
            assertThat(NIR_LIKE.matcher(withoutVersion).find()).as("no NIR").isFalse();
            assertThat(r.value().toLowerCase()).doesNotContain("ra-lyon").doesNotContain("-w0").doesNotContain("team")
                    .doesNotContain("anne");
        }
        String thisMonth = YearMonth.now(PARIS).toString();
        assertThat(keys).noneMatch(k -> k.endsWith("/MONTH/" + thisMonth));

        String m = RELEASED.toString();
        JsonNode opened = find(records, "case-service/cases_opened/MONTH/" + m, json);
        assertThat(cell(opened, "RHONE_ALPES", null, null, null, null).asLong()).isEqualTo(36);
        assertThat(cell(opened, "RHONE_ALPES", null, "FEMALE", "JOB_RETENTION", null).asLong()).isEqualTo(18);
        for (String masked : List.of("BRETAGNE", "NORMANDIE", "AUVERGNE")) {
            assertThat(cell(opened, masked, null, null, null, null).asText()).as(masked).isEqualTo("unit-too-small");
            long cellsOfRegion = 0;
            for (JsonNode c : opened.at("/data/cells")) {
                cellsOfRegion += masked.equals(c.get(0).asText(null)) ? 1 : 0;
            }
            assertThat(cellsOfRegion).as("only the marker of " + masked).isEqualTo(1);
        }
        // the national cells count the masked regions: 36 + 30 + 60 + 30
        assertThat(cell(opened, null, null, null, null, null).asLong()).isEqualTo(156);
        assertThat(cell(opened, null, null, null, "AUTONOMY", null).asLong()).isEqualTo(60);
        // a region without any case is masked too: nobody's work can be read into it
        assertThat(cell(opened, "SUD_EST", null, null, null, null).asText()).isEqualTo("unit-too-small");
        JsonNode persons = find(records, "case-service/persons_accompanied/MONTH/" + m, json);
        assertThat(cell(persons, "RHONE_ALPES", null, null, null, null).asLong()).isEqualTo(36);
        assertThat(cell(persons, "BRETAGNE", null, null, null, null).asText()).isEqualTo("unit-too-small");
        // an outcome: national only, no region at all
        JsonNode closed = find(records, "case-service/cases_closed/MONTH/" + m, json);
        assertThat(closed.at("/data/dimensions").toString()).isEqualTo("[\"ageBand\",\"sex\",\"theme\",\"origin\"]");

        // later: a case opened and one erased in the released month, a case closed, a retention run; exported again
        List<UUID> late = insert(cases(5, "RHONE_ALPES", day, new String[] { "RA-LYON" }, 1, "OTHER"));
        given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/retention/runs").then().statusCode(200);
        given().auth().oauth2(Tokens.user("jules")).delete("/api/cases/dpo/persons/" + late.get(0)).then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        assertThat(count("select count(*) from support_case where person_id = '" + late.get(0) + "'")).as("erased").isZero();
        try (KafkaConsumer<String, String> tail = Kafka.tailUnauthenticated(PrivateKafka.bootstrap(), "stats-aggregates")) {
            assertThat((int) VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow())).isZero();
            assertThat((int) VertxContextSupport.subscribeAndAwait(() -> exporter.exportPeriod(month(RELEASED)))).isZero();
            assertThat(Kafka.await(tail, r -> true, 1, Duration.ofSeconds(3))).as("nothing leaves again").isEmpty();
        }
        assertThat(count("select count(*) from stats_export where snapshot_key like 'case-service/%/MONTH/" + thisMonth + "'"))
                .isZero();
    }

    @Test
    void aPeriodNotReleasedIsRefusedAndAnOldOneIsReleasedOnRequestOnce() throws Throwable {
        String admin = Tokens.user("karim");
        String thisMonth = YearMonth.now(PARIS).toString();
        given().auth().oauth2(admin).queryParam("granularity", "MONTH").queryParam("period", thisMonth)
                .post("/api/cases/admin/stats/export").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("period-not-released")).body("detail", containsString("freeze delay"));
        given().auth().oauth2(admin).queryParam("granularity", "MONTH").post("/api/cases/admin/stats/export")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("granularity", "QUARTER").queryParam("period", "2019-03")
                .post("/api/cases/admin/stats/export").then().statusCode(400).body("detail", containsString("2026-Q1"));
        // older than the catch-up window: only on request, once
        insert(cases(12, "RHONE_ALPES", LocalDate.of(2019, 3, 5), new String[] { "RA-LYON", "RA-GRENOBLE", "RA-SAINT-ETIENNE" }, 4,
                "OTHER"));
        try (KafkaConsumer<String, String> tail = Kafka.tailUnauthenticated(PrivateKafka.bootstrap(), "stats-aggregates")) {
            given().auth().oauth2(admin).queryParam("granularity", "MONTH").queryParam("period", "2019-03")
                    .post("/api/cases/admin/stats/export").then().statusCode(200).body("tables", equalTo(3));
            List<ConsumerRecord<String, String>> records = Kafka.await(tail, r -> r.key().endsWith("/MONTH/2019-03"), 3,
                    Duration.ofSeconds(60));
            JsonNode opened = find(records, "case-service/cases_opened/MONTH/2019-03", json);
            assertThat(cell(opened, null, null, null, null, null).asLong()).isEqualTo(12);
            assertThat(cell(opened, "RHONE_ALPES", null, null, null, null).asText()).as("12 social workers, 3 teams, but "
                    + "four cases each: the staff rule holds").isEqualTo("12");
        }
        given().auth().oauth2(admin).queryParam("granularity", "MONTH").queryParam("period", "2019-03")
                .post("/api/cases/admin/stats/export").then().statusCode(200).body("tables", equalTo(0));
        given().auth().oauth2(Tokens.user("ines")).post("/api/cases/admin/stats/export").then().statusCode(403);
    }

    @Test
    void theAssignmentOfACaseIsRecordedDayByDay() throws Throwable {
        String caseId = Fixtures.createCase("alice");
        // the directory is read from Keycloak: not left to the scheduled refresh, which may not have run yet
        VertxContextSupport.subscribeAndAwait(() -> directory.refresh());
        given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON).body(Map.of("assignee", "bruno"))
                .put("/api/cases/" + caseId + "/assignment").then().statusCode(200);
        try (Connection c = IsolatedDatabase.superuser(database); PreparedStatement ps = c.prepareStatement(
                "select team, assigned_to, from_day, until_day from case_assignment where case_id = ? order by from_day, until_day nulls last")) {
            ps.setObject(1, UUID.fromString(caseId));
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Arrays.asList(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class)));
                }
            }
            LocalDate today = LocalDate.now(PARIS);
            assertThat(rows).containsExactly(Arrays.asList("RA-LYON", null, today, today), Arrays.asList("RA-LYON", "bruno", today, null));
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = IsolatedDatabase.superuser(database); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
