package org.anaiss.cases.dpo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.IsolatedDatabase;
import org.anaiss.cases.support.TestClock;
import org.anaiss.cases.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Retention with a clock moved forward, on a database of its own: exactly what is due is deleted,
 * a case under legal hold is archived for the DPO, a person keeps their record while a case of
 * theirs is still live, audit months older than a year are dropped. (That a retention run changes no released
 * statistic is StatsExportTest's.)
 */
@QuarkusTest
@TestProfile(RetentionTest.OnItsOwnDatabase.class)
class RetentionTest {

    public static class OnItsOwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IsolatedDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the scheduled runs stay out of the way: the test drives every run
            return Map.of("anaiss.cases.retention.cron", "off", "anaiss.cases.stats.interval", "off");
        }
    }

    @Inject
    TestClock clock;
    @ConfigProperty(name = "anaiss.test.database")
    String database;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String openCase(String personId) {
        return given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "AUTONOMY", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
    }

    private static void close(String caseId) {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("status", "CLOSED", "closureReason", "COMPLETED_AT_PERSONS_REQUEST"))
                .post("/api/cases/" + caseId + "/status").then().statusCode(200);
    }

    @Test
    void twoYearsAfterTheLastContactOrClosureExactlyWhatIsDueGoes() throws Throwable {
        // today: A's case closes; B has a closed case and an open one; C's case is under legal hold
        String a = Fixtures.createPerson("alice");
        String a1 = openCase(a);
        close(a1);
        String b = Fixtures.createPerson("alice");
        String b1 = openCase(b);
        close(b1);
        String b2 = openCase(b);
        String c = Fixtures.createPerson("alice");
        String c1 = openCase(c);
        close(c1);
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("hold", true))
                .put("/api/cases/dpo/cases/" + c1 + "/legal-hold").then().statusCode(204);

        // a year later, B is met again about the open case
        clock.advance(Duration.ofDays(365));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", clock.instant().minusSeconds(60).toString(), "mode", "PHONE", "notes", "Still in touch."))
                .post("/api/cases/" + b2 + "/contacts").then().statusCode(201);

        // two years and a day after today
        clock.advance(Duration.ofDays(366));
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/retention/preview").then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("casesDeleted", hasItems(a1, b1)).body("casesDeleted", not(hasItem(b2)))
                .body("casesArchived", hasItem(c1));
        // a dry run deletes nothing
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + a1).then().statusCode(200);

        given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/retention/runs").then().statusCode(200)
                .body("casesDeleted", hasItems(a1, b1)).body("casesDeleted", not(hasItem(b2)))
                .body("casesArchived", hasItem(c1));

        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + a1).then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/persons/" + a).then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + b1).then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + b2).then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/persons/" + b).then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + c1).then().statusCode(404);
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/dpo/archive/" + c1).then().statusCode(200)
                .body("dossier.caseFile.id", equalTo(c1)).body("person.id", equalTo(c));
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/dpo/archive/" + c1).then().statusCode(403);

        // A was deleted with their last case: the deletion is announced to the other services (person-erasures), B's is not
        assertThat(Db.countIn(database, "select count(*) from erasure_request where person_id = ? and reason = 'RETENTION' and announced",
                UUID.fromString(a))).isEqualTo(1);
        assertThat(Db.countIn(database, "select count(*) from erasure_request where person_id = ?", UUID.fromString(b))).isZero();

        // running again finds nothing more to do
        given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/retention/runs").then().statusCode(200)
                .body("casesDeleted.size()", equalTo(0)).body("casesArchived.size()", equalTo(0));
    }

    @Test
    void auditMonthsOlderThanAYearAreDroppedAndTheChainStillVerifies() throws Exception {
        try (Connection conn = IsolatedDatabase.superuser(database); Statement s = conn.createStatement()) {
            s.execute("select audit_ensure_partitions((current_date - interval '14 months')::date, 3)");
            // a record of thirteen months ago, on a chain of its own (rows are chained in time order, so
            // dropping old months only ever removes the beginning of chains)
            s.execute("set session_replication_role = replica");
            s.execute("""
                    insert into audit_record (seq, at, actor, actor_role, action, record_type, chain, hash)
                    select n, t, 'old', 'social-worker', 'READ', 'CASE', 99,
                           sha256('\\x'::bytea || audit_content(n, t, 'old', 'social-worker', 'READ', 'CASE', null, null, null, null, 99::smallint))
                    from (select nextval('audit_record_seq_seq') as n, now() - interval '13 months' as t) v""");
        }
        Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("jules")).post("/api/cases/dpo/retention/runs").then().statusCode(200)
                .body("auditMonthsDropped", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        try (Connection conn = IsolatedDatabase.superuser(database); Statement s = conn.createStatement();
                ResultSet rs = s.executeQuery("select count(*) filter (where actor = 'old'), count(*) from audit_record")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isPositive();
        }
        given().auth().oauth2(Tokens.user("jules")).get("/api/cases/audit/verification").then().statusCode(200)
                .body("intact", equalTo(true));
        // and this month's audit keeps being written
        Fixtures.createCase("alice");
    }
}
