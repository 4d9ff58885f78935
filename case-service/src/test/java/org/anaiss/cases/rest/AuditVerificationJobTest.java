package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.IsolatedDatabase;
import org.anaiss.cases.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The background verification of the audit trail, on a database of its own (its figures must not move
 * with other tests' writes) and in chunks of 3 records, so that even a small period takes several.
 */
@QuarkusTest
@TestProfile(AuditVerificationJobTest.SmallChunks.class)
class AuditVerificationJobTest {

    static final int CHUNK = 3;
    static final int BUDGET_SECONDS = 2;
    static final String JOBS = "/api/cases/audit/verifications";

    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IsolatedDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anaiss.cases.audit-verification.chunk-size", String.valueOf(CHUNK),
                    "anaiss.cases.audit-verification.interval", "1s",
                    "anaiss.cases.audit-verification.request-budget", BUDGET_SECONDS + "s",
                    // nothing else writes meanwhile
                    "anaiss.cases.retention.cron", "off", "anaiss.cases.stats.interval", "off");
        }
    }

    @ConfigProperty(name = "anaiss.test.database")
    String database;

    @Test
    void aJobOverAPeriodFinishesDoneWithTheFiguresOfTheSynchronousVerification() {
        awaitNoneRunning();
        Instant from = now().minusSeconds(60);
        writeAuditRecords(3);
        Instant to = now();
        JsonPath sync = synchronousVerification(from, to);
        assertThat(sync.getLong("recordsChecked")).as("several chunks").isGreaterThan(2 * CHUNK);

        var started = given().auth().oauth2(dpo()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString())).post(JOBS)
                .then().statusCode(202).contentType(ContentType.JSON)
                .body("state", equalTo("RUNNING")).body("finishedAt", equalTo(null)).body("intact", equalTo(null))
                .extract();
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith(JOBS + "/" + id);

        JsonPath job = awaitFinished(id);
        assertThat(job.getString("state")).isEqualTo("DONE");
        assertThat(Instant.parse(job.getString("from"))).isEqualTo(from);
        assertThat(Instant.parse(job.getString("to"))).isEqualTo(to);
        assertThat(job.getLong("recordsChecked")).isEqualTo(sync.getLong("recordsChecked"));
        assertThat(job.getLong("brokenRecords")).isEqualTo(sync.getLong("brokenRecords")).isZero();
        assertThat(job.getString("firstBrokenSeq")).isNull();
        assertThat(job.getBoolean("intact")).isTrue();
        assertThat(Instant.parse(job.getString("finishedAt"))).isAfterOrEqualTo(Instant.parse(job.getString("startedAt")));
        assertThat(job.prettify()).as("figures only, nothing of the records").doesNotContain("alice", "actor", "hash");

        given().auth().oauth2(dpo()).queryParam("limit", 1).get(JOBS)
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].id", equalTo(id));
    }

    @Test
    void withoutABodyAJobCoversTheLast31Days() throws Exception {
        awaitNoneRunning();
        // as curl -X POST sends it: no body, no Content-Type
        var bodiless = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + JOBS)).header("Authorization", "Bearer " + dpo())
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bodiless.statusCode()).as(bodiless.body()).isEqualTo(202);
        JsonPath started = JsonPath.from(bodiless.body());
        Instant from = Instant.parse(started.getString("from"));
        Instant to = Instant.parse(started.getString("to"));
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(31));
        assertThat(to).isBetween(now(), now().plusSeconds(61));
        assertThat(awaitFinished(started.getString("id")).getString("state")).isEqualTo("DONE");

        // an empty JSON object means the same
        String id = given().auth().oauth2(dpo()).contentType(ContentType.JSON).body("{}").post(JOBS)
                .then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(id).getString("state")).isEqualTo("DONE");
    }

    @Test
    void aJobFindsATamperedRecordAsTheSynchronousVerificationDoes() throws SQLException {
        awaitNoneRunning();
        Instant from = now().minusSeconds(60);
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        writeAuditRecords(1);
        Instant to = now();
        long seq = single("select max(seq) from audit_record where case_id = ?", UUID.fromString(caseId));
        execute("update audit_record set actor = 'mallory' where seq = " + seq);
        try {
            JsonPath sync = synchronousVerification(from, to);
            assertThat(sync.getBoolean("intact")).isFalse();
            assertThat(sync.getLong("firstBrokenSeq")).isEqualTo(seq);

            String id = start(from, to);
            JsonPath job = awaitFinished(id);
            assertThat(job.getString("state")).isEqualTo("DONE");
            assertThat(job.getBoolean("intact")).isFalse();
            assertThat(job.getLong("firstBrokenSeq")).isEqualTo(seq);
            assertThat(job.getLong("brokenRecords")).isEqualTo(sync.getLong("brokenRecords"));
            assertThat(job.getLong("recordsChecked")).isEqualTo(sync.getLong("recordsChecked"));
        } finally {
            execute("update audit_record set actor = 'alice' where seq = " + seq);
        }
    }

    @Test
    void anInterruptedJobResumesAfterItsLastCompletedChunkWithoutCountingAgain() throws SQLException {
        awaitNoneRunning();
        Instant from = now().minusSeconds(60);
        writeAuditRecords(4);
        Instant to = now();
        long total = synchronousVerification(from, to).getLong("recordsChecked");
        List<Long> seqs = seqsIn(from, to);
        assertThat(seqs).hasSize((int) total).hasSizeGreaterThan(2 * CHUNK);

        // as a crash leaves it: the first chunks done and committed (one record of them found broken), the rest not
        int done = 2 * CHUNK;
        UUID id = UUID.randomUUID();
        try (Connection c = IsolatedDatabase.superuser(database); PreparedStatement ps = c.prepareStatement("""
                insert into audit_verification_job (id, state, period_from, period_to, last_seq, records_checked,
                    broken_records, first_broken_seq, started_at, updated_at)
                values (?, 'RUNNING', ?, ?, ?, ?, 1, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setObject(2, utc(from));
            ps.setObject(3, utc(to));
            ps.setLong(4, seqs.get(done - 1));
            ps.setLong(5, done);
            ps.setLong(6, seqs.get(0));
            ps.setObject(7, utc(now().minusSeconds(300)));
            ps.setObject(8, utc(now().minusSeconds(240)));
            ps.executeUpdate();
        }

        // resumed by the scheduled tick, as after a restart
        JsonPath job = awaitFinished(id.toString());
        assertThat(job.getString("state")).isEqualTo("DONE");
        assertThat(job.getLong("recordsChecked")).as("each record counted once").isEqualTo(total);
        // what the first chunks found is kept, and they were not verified again (the trail is in fact intact)
        assertThat(job.getLong("brokenRecords")).isEqualTo(1);
        assertThat(job.getLong("firstBrokenSeq")).isEqualTo(seqs.get(0));
        assertThat(single("select last_seq from audit_verification_job where id = ?", id)).isEqualTo(seqs.get(seqs.size() - 1));
    }

    @Test
    void aJobWhoseChunksKeepFailingEndsFailedWithTheTypeOfTheErrorOnly() throws SQLException {
        awaitNoneRunning();
        // the service's role may no longer read the trail: every attempt at a chunk fails
        execute("revoke select on audit_record from cases");
        try {
            String id = start(now().minusSeconds(60), now());
            JsonPath job = awaitFinished(id);
            assertThat(job.getString("state")).isEqualTo("FAILED");
            assertThat(job.getString("failure")).as("a type, never a message").matches("[A-Za-z0-9_$]+");
            assertThat(job.getString("finishedAt")).isNotNull();
            assertThat((Object) job.get("intact")).isNull();
            assertThat(single("select attempts from audit_verification_job where id = ?", UUID.fromString(id))).isEqualTo(3);
        } finally {
            execute("grant select on audit_record to cases");
        }
    }

    @Test
    void aSecondJobIsRefusedWhileOneIsRunning() throws SQLException {
        awaitNoneRunning();
        UUID running = null;
        try (Connection c = IsolatedDatabase.superuser(database)) {
            // a running job whose row this test locks, so that the job stays RUNNING until the lock goes
            for (int attempt = 0; attempt < 10 && running == null; attempt++) {
                UUID id = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into audit_verification_job (id, state, period_from, period_to, started_at, updated_at)
                        values (?, 'RUNNING', ?, ?, ?, ?)""")) {
                    ps.setObject(1, id);
                    ps.setObject(2, utc(now().minusSeconds(3600)));
                    ps.setObject(3, utc(now()));
                    ps.setObject(4, utc(now()));
                    ps.setObject(5, utc(now()));
                    ps.executeUpdate();
                }
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("select state from audit_verification_job where id = ? for update")) {
                    ps.setObject(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if ("RUNNING".equals(rs.getString(1))) {
                            running = id;
                        }
                    }
                }
                if (running == null) {
                    // the tick finished it between the insert and the lock: again
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            assertThat(running).as("a running job held").isNotNull();
            long jobs = count();

            given().auth().oauth2(dpo()).contentType(ContentType.JSON).body("{}").post(JOBS)
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("runningJobId", equalTo(running.toString()));
            assertThat(count()).isEqualTo(jobs);
            c.rollback();
        }
        assertThat(awaitFinished(running.toString()).getString("state")).isEqualTo("DONE");
    }

    @Test
    void ofTwoStartsAtOnceOnlyOneGoesThrough() throws Exception {
        awaitNoneRunning();
        UUID first = UUID.randomUUID();
        try (Connection c = IsolatedDatabase.superuser(database)) {
            // the first start, not committed yet: the second one does not see it, and waits on the database
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into audit_verification_job (id, state, period_from, period_to, started_at, updated_at)
                    values (?, 'RUNNING', ?, ?, ?, ?)""")) {
                ps.setObject(1, first);
                ps.setObject(2, utc(now().minusSeconds(3600)));
                ps.setObject(3, utc(now()));
                ps.setObject(4, utc(now()));
                ps.setObject(5, utc(now()));
                ps.executeUpdate();
            }
            String token = dpo();
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body("{}").post(JOBS).then().extract());
            Thread.sleep(1000);
            c.commit();
            var answer = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<String>path("type")).endsWith("/verification-running");
        }
        assertThat(single("select count(*) from audit_verification_job where state = 'RUNNING' and id <> ?", first)).isZero();
        assertThat(awaitFinished(first.toString()).getString("state")).isEqualTo("DONE");
    }

    @Test
    void aSynchronousVerificationLongerThanItsBudgetIsRefusedWithTheWayToABackgroundOne() throws Exception {
        writeAuditRecords(1);
        // the chain heads locked for longer than the budget: the verification cannot finish in time
        try (Connection c = IsolatedDatabase.superuser(database)) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("lock table audit_chain_head in access exclusive mode");
            }
            long t0 = System.nanoTime();
            var answer = given().auth().oauth2(dpo()).get("/api/cases/audit/verification").then().extract();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            c.rollback();
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<String>path("type")).endsWith("/verification-too-long");
            assertThat(answer.<String>path("detail")).contains("background", "audit/verifications");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(BUDGET_SECONDS)).isLessThan(Duration.ofSeconds(BUDGET_SECONDS + 8));
        }
        // the budget was this request's only: the next verification runs to its end
        given().auth().oauth2(dpo()).get("/api/cases/audit/verification").then().statusCode(200)
                .body("recordsChecked", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aBadPeriodOrBodyIsRefusedAndStartsNothing() throws SQLException {
        long jobs = count();
        Instant t = now();
        for (String body : List.of("{\"from\":\"yesterday\"}",
                "{\"from\":\"" + t + "\",\"to\":\"" + t.minusSeconds(3600) + "\"}",
                "{\"from\":\"" + t + "\",\"to\":\"" + t + "\"}",
                "{\"to\":\"+99999-12-31T23:59:59Z\"}",
                "{\"from\":\"2026-02-30T00:00:00Z\"}",
                "{\"from\":{}}",
                "{\"from\":true}",
                "{\"zzUnknown\":1}",
                "[]",
                "{\"from\":")) {
            given().auth().oauth2(dpo()).contentType(ContentType.JSON).body(body).post(JOBS)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(dpo()).contentType(ContentType.TEXT).body("{}").post(JOBS)
                .then().statusCode(415).contentType("application/problem+json");
        for (String limit : List.of("0", "101", "x")) {
            given().auth().oauth2(dpo()).queryParam("limit", limit).get(JOBS)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertThat(count()).isEqualTo(jobs);
    }

    @Test
    void anUnknownOrMalformedJobIdIsNotFound() {
        given().auth().oauth2(dpo()).get(JOBS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(dpo()).get(JOBS + "/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyTheDpoStartsOrFollowsVerifications() throws SQLException {
        long jobs = count();
        String id = UUID.randomUUID().toString();
        String worker = Tokens.user("alice");
        given().auth().oauth2(worker).contentType(ContentType.JSON).body("{}").post(JOBS)
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(worker).get(JOBS).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(worker).get(JOBS + "/" + id).then().statusCode(403).contentType("application/problem+json");

        given().contentType(ContentType.JSON).body("{}").post(JOBS).then().statusCode(401).contentType("application/problem+json");
        given().get(JOBS).then().statusCode(401).contentType("application/problem+json");
        given().get(JOBS + "/" + id).then().statusCode(401).contentType("application/problem+json");
        assertThat(count()).isEqualTo(jobs);
    }

    @Test
    void theOperationsAreDocumentedForTheGatewayWithTheirRoleAndAnswers() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> start = doc.getMap("paths.'" + JOBS + "'.post");
        assertThat(doc.getList("paths.'" + JOBS + "'.post.security[0].SecurityScheme", String.class)).containsExactly("dpo");
        assertThat(doc.getMap("paths.'" + JOBS + "'.post.responses")).containsKeys("202", "400", "409");
        assertThat((Object) doc.get("paths.'" + JOBS + "'.post.requestBody.required")).as("the body is optional").isNotEqualTo(true);
        assertThat(start).containsKeys("summary", "description");
        assertThat(doc.getList("paths.'" + JOBS + "'.get.security[0].SecurityScheme", String.class)).containsExactly("dpo");
        assertThat(doc.getList("paths.'" + JOBS + "/{jobId}'.get.security[0].SecurityScheme", String.class)).containsExactly("dpo");
        assertThat(doc.getMap("paths.'" + JOBS + "/{jobId}'.get.responses")).containsKeys("200", "404");
    }

    // ------------------------------------------------------------------ helpers

    private static String dpo() {
        return Tokens.user("jules");
    }

    /** Millisecond precision, so that an instant reads back from the database as sent. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Cases opened and read: each leaves several audit records. */
    private static void writeAuditRecords(int cases) {
        for (int i = 0; i < cases; i++) {
            String caseId = Fixtures.createCase("alice");
            given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200);
        }
    }

    private static JsonPath synchronousVerification(Instant from, Instant to) {
        return given().auth().oauth2(dpo()).queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/cases/audit/verification").then().statusCode(200).extract().jsonPath();
    }

    private static String start(Instant from, Instant to) {
        var started = given().auth().oauth2(dpo()).contentType(ContentType.JSON)
                .body(Map.of("from", from.toString(), "to", to.toString())).post(JOBS).then().statusCode(202).extract();
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith(JOBS + "/" + id);
        return id;
    }

    private static JsonPath awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> !"RUNNING".equals(
                given().auth().oauth2(dpo()).get(JOBS + "/" + id).then().statusCode(200).extract().path("state")));
        return given().auth().oauth2(dpo()).get(JOBS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private void awaitNoneRunning() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> single("select count(*) from audit_verification_job where state = 'RUNNING'") == 0);
    }

    private long count() throws SQLException {
        return single("select count(*) from audit_verification_job");
    }

    private List<Long> seqsIn(Instant from, Instant to) throws SQLException {
        try (Connection c = IsolatedDatabase.superuser(database);
                PreparedStatement ps = c.prepareStatement("select seq from audit_record where at >= ? and at < ? order by seq")) {
            ps.setObject(1, utc(from));
            ps.setObject(2, utc(to));
            List<Long> seqs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                }
            }
            return seqs;
        }
    }

    private long single(String sql, Object... args) throws SQLException {
        return Db.countIn(database, sql, args);
    }

    /** Tampering, in this test's own database. */
    private void execute(String sql) throws SQLException {
        Db.bypassingTheTriggerIn(database, sql);
    }
}
