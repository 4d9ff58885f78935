package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Two instances of each service (case, outreach, stats) behind one gateway that knows both addresses
 * (ANAISS_*_URLS), under the load generator, while an e-mail campaign and a meeting's invitations are
 * delivered; then one instance of each is killed (SIGKILL). Afterwards: every acknowledged write is
 * kept, no event was applied twice (one known case per case, one case per accepted offer), each job
 * finished once (the campaign selected its people once, every offer and invitation went out once), the
 * statistics released are held as released, and no mail was sent twice, but for the one a killed relay may have had in flight (same Message-ID, as
 * MailRelay documents). Figures go to target/replicas.txt.
 */
class ReplicasIT {

    private static final int PEOPLE = 300;
    private static final List<Suite.Service> SERVICES = List.of(Suite.Service.CASES, Suite.Service.OUTREACH, Suite.Service.STATS);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");
    private static Suite suite;

    @BeforeAll
    static void twoOfEach() {
        suite = Suite.get();
        RestAssured.baseURI = suite.gatewayUrl();
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failed = new ArrayList<>();
        for (Suite.Service service : SERVICES) {
            Thread t = new Thread(() -> {
                try {
                    suite.startReplica(service);
                } catch (RuntimeException e) {
                    synchronized (failed) {
                        failed.add(e);
                    }
                }
            });
            t.start();
            starting.add(t);
        }
        starting.forEach(ReplicasIT::join);
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
        suite.stop(Suite.Service.GATEWAY);
        suite.start(Suite.Service.GATEWAY, Map.of(
                "ANAISS_CASE_URLS", suite.url(Suite.Service.CASES) + "," + suite.replicaUrl(Suite.Service.CASES),
                "ANAISS_OUTREACH_URLS", suite.url(Suite.Service.OUTREACH) + "," + suite.replicaUrl(Suite.Service.OUTREACH),
                "ANAISS_STATS_URLS", suite.url(Suite.Service.STATS) + "," + suite.replicaUrl(Suite.Service.STATS)));
    }

    @AfterAll
    static void oneOfEachAgain() {
        SERVICES.forEach(suite::killReplica);
        // the other tests of this JVM get the gateway as the suite starts it
        suite.stop(Suite.Service.GATEWAY);
        suite.start(Suite.Service.GATEWAY);
    }

    @Test
    void oneInstanceOfEachKilledUnderLoadLosesNothingAndDoesNothingTwice() throws Exception {
        long t0 = System.nanoTime();
        // both instances of each service answer through the gateway
        for (Suite.Service service : SERVICES) {
            assertThat(status(suite.replicaUrl(service))).as(service + " second instance ready").isEqualTo(200);
        }
        LocalDate day = OutreachSupport.uniqueDay();
        Map<String, String> nirByAddress = new HashMap<>();
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String address = OutreachSupport.address("replica" + i);
            String nir = OutreachSupport.nir();
            nirByAddress.put(address, nir);
            batch.add(OutreachSupport.signal(nir, Fixtures.uniqueLastName(), "RHONE_ALPES", "WORK_UNFITNESS_RISK", address, day));
        }
        given().auth().oauth2(OutreachSupport.cpam()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("signals", batch))
                .post("/api/partners/signals/batch").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(PEOPLE));
        List<String> addresses = List.copyOf(nirByAddress.keySet());
        String campaign = OutreachSupport.createCampaign(gilles(),
                OutreachSupport.campaign("EMAIL", List.of("WORK_UNFITNESS_RISK"), day));
        String action = given().auth().oauth2(gilles()).contentType(ContentType.JSON)
                .body(Map.of("theme", "JOB_RETENTION", "title", "Garder son emploi", "description", "Réunion d'information",
                        "targetPublic", "Assurés en arrêt long", "sessions", List.of(Map.of("startsAt",
                                java.time.Instant.now().plus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                                "durationMinutes", 60, "place", "Carsat Rhône-Alpes, Lyon", "capacity", 10))))
                .post("/api/outreach/actions").then().statusCode(201).extract().path("id");

        String killedAt;
        try (LoadGenerator load = new LoadGenerator(suite.gatewayUrl(), 4)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> load.acknowledged.get() >= 20);
            given().auth().oauth2(gilles()).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
            given().auth().oauth2(gilles()).contentType(ContentType.JSON)
                    .body(Map.of("signalTypes", List.of("WORK_UNFITNESS_RISK"), "windowFrom", day.toString(), "windowTo", day.toString(),
                            "channel", "EMAIL", "subject", "Réunion d'information",
                            "template", "Bonjour {firstName},\n{sessions}\nInscrivez-vous : {registrationUrl}"))
                    .post("/api/outreach/actions/" + action + "/invitations").then().statusCode(202)
                    .body("invited", org.hamcrest.Matchers.equalTo(PEOPLE));
            // kill in the middle: the offers and invitations being delivered, their mails going out
            String sent = "select count(*) from mail_message where status = 'SENT' and (dedupe_key in "
                    + "(select 'offer:' || id from offer where campaign_id = '" + campaign + "') or dedupe_key in "
                    + "(select 'invitation:' || id from invitation where action_id = '" + action + "'))";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> scalar("outreach",
                    "select count(*) from mail_message where status = 'SENT' and dedupe_key in (select 'offer:' || id from offer "
                            + "where campaign_id = '" + campaign + "')") > 0);
            long acknowledgedAtKill = load.acknowledged.get();
            long failuresAtKill = load.failures.get();
            SERVICES.forEach(suite::killReplica);
            long unsentAtKill = 2L * PEOPLE - scalar("outreach", sent);
            killedAt = given().auth().oauth2(gilles()).get("/api/outreach/campaigns/" + campaign).then().extract()
                    .jsonPath().getString("progress") + ", " + unsentAtKill + " of " + 2 * PEOPLE + " mails not yet sent";
            assertThat(unsentAtKill).as("killed while mails were still going out").isPositive();
            // the survivors carry the load, through the same gateway, at once
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> load.acknowledged.get() >= acknowledgedAtKill + 40);
            long failedAfterKill = load.failures.get() - failuresAtKill;

            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "DONE".equals(given().auth().oauth2(gilles()).get("/api/outreach/campaigns/" + campaign)
                            .then().extract().path("status")));
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2)).until(() -> everyoneGotBoth(addresses));

            // five people accept their offer, through the gateway's public link: one case each
            List<String> accepting = addresses.subList(0, 5);
            for (String address : accepting) {
                String token = OutreachSupport.answerToken(address);
                given().contentType(ContentType.JSON).body(Map.of("response", "ACCEPTED", "preferredContactSlot", "mardi"))
                        .post("/api/outreach/answers/" + token).then().statusCode(200);
            }
            load.close();
            Thread.sleep(5_000); // anything sent twice would have arrived by now

            // every acknowledged write kept
            Set<String> cases = Set.copyOf(load.cases);
            assertThat(FaultToleranceIT.missing("cases", "select id from support_case where id = any(?)", cases)).isEmpty();
            assertThat(FaultToleranceIT.missing("cases", "select id from contact where id = any(?)", load.contacts)).isEmpty();
            assertThat(FaultToleranceIT.missing("outreach", "select id from signal where id = any(?)", load.signals)).isEmpty();
            // every case event applied once: one known case per case
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    FaultToleranceIT.missing("outreach", "select case_id from known_case where case_id = any(?)", cases).isEmpty());
            assertThat(FaultToleranceIT.count("outreach", "select count(*) from known_case where case_id = any(?)", cases))
                    .isEqualTo(cases.size());
            // one case per accepted offer
            for (String address : accepting) {
                String nir = nirByAddress.get(address);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> casesOf(nir) >= 1);
            }
            Thread.sleep(3_000);
            for (String address : accepting) {
                assertThat(casesOf(nirByAddress.get(address))).as("cases opened for one accepted offer").isEqualTo(1);
            }
            // the campaign selected its people once and delivered every offer once
            given().auth().oauth2(gilles()).get("/api/outreach/campaigns/" + campaign).then().statusCode(200)
                    .body("progress.done", org.hamcrest.Matchers.equalTo(PEOPLE))
                    .body("progress.total", org.hamcrest.Matchers.equalTo(PEOPLE));
            assertThat(scalar("outreach", "select count(*) from offer where campaign_id = '" + campaign + "'")).isEqualTo(PEOPLE);
            assertThat(scalar("outreach", "select count(*) from invitation where action_id = '" + action + "'")).isEqualTo(PEOPLE);
            assertThat(scalar("outreach", "select count(*) from invitation where action_id = '" + action + "' and status <> 'SENT'"))
                    .isZero();

            // no mail twice: one message per person and subject; a second copy only of the message a killed relay had in
            // flight, with the same Message-ID (at most one per killed instance)
            List<String> wrong = new ArrayList<>();
            int copiesOfTheSameMessage = 0;
            for (String address : addresses) {
                List<Map<String, Object>> mails = OutreachSupport.mails(address);
                Map<String, Set<String>> idsBySubject = new HashMap<>();
                for (Map<String, Object> m : mails) {
                    String subject = String.valueOf(m.get("subject"));
                    if (subject.startsWith("Le service social") || subject.startsWith("Réunion")) {
                        idsBySubject.computeIfAbsent(subject, s -> new HashSet<>()).add(messageId(m));
                    }
                }
                int relevant = (int) mails.stream().map(m -> String.valueOf(m.get("subject")))
                        .filter(s -> s.startsWith("Le service social") || s.startsWith("Réunion")).count();
                if (idsBySubject.size() != 2 || idsBySubject.values().stream().anyMatch(ids -> ids.size() != 1)) {
                    wrong.add(address + "=" + idsBySubject);
                }
                copiesOfTheSameMessage += relevant - idsBySubject.values().stream().mapToInt(Set::size).sum();
            }
            assertThat(wrong).as("people without exactly one offer and one invitation").isEmpty();
            assertThat(copiesOfTheSameMessage).as("copies of a message in flight when its relay was killed").isLessThanOrEqualTo(1);

            // the statistics: what case-service released is held once by stats-service, as released
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    given().auth().oauth2(Tokens.user("karim")).post("/api/cases/admin/stats/export").statusCode() == 200);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<String, Long> released = FaultToleranceIT.versions("cases", "select snapshot_key, version from stats_export");
                Map<String, Long> held = FaultToleranceIT.versions("stats",
                        "select snapshot_key, version from snapshot where producer = 'case-service'");
                return !released.isEmpty() && held.entrySet().containsAll(released.entrySet());
            });

            Files.writeString(Path.of("target", "replicas.txt"), String.format(
                    "two instances of case, outreach and stats behind one gateway, load generator with 4 threads; killed (SIGKILL) one "
                            + "instance of each at campaign progress %s%n%d writes acknowledged (%d cases, %d contacts, %d signals), "
                            + "%d refused or failed in all, %d of them after the kill; %d people: one offer and one invitation each, "
                            + "%d copies of a message in flight; %d s in all%n",
                    killedAt, load.acknowledged.get(), cases.size(), load.contacts.size(), load.signals.size(), load.failures.get(),
                    failedAfterKill, PEOPLE, copiesOfTheSameMessage, Duration.ofNanos(System.nanoTime() - t0).toSeconds()),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** Asked for at each call: this test outlasts one access token (5 min). */
    private static String gilles() {
        return Tokens.user("gilles");
    }

    private static boolean everyoneGotBoth(List<String> addresses) {
        for (String address : addresses) {
            List<Map<String, Object>> mails = OutreachSupport.mails(address);
            boolean offer = mails.stream().anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Le service social"));
            boolean invitation = mails.stream().anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Réunion"));
            if (!offer || !invitation) {
                return false;
            }
        }
        return true;
    }

    private static String messageId(Map<String, Object> mail) {
        Matcher m = MESSAGE_ID.matcher(String.valueOf(mail.get("mimeMessage")));
        return m.find() ? m.group(1) : "no-id-" + UUID.randomUUID();
    }

    private static long casesOf(String nir) throws Exception {
        try (Connection c = Db.superuser("cases");
                PreparedStatement ps = c.prepareStatement("select count(*) from support_case sc join person p on p.id = sc.person_id "
                        + "where p.nir_hash = ?")) {
            ps.setBytes(1, OutreachSupport.nirHash(nir));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long scalar(String db, String sql) throws Exception {
        try (Connection c = Db.superuser(db); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int status(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
