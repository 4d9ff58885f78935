package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.anaiss.outreach.service.ReminderJob;
import org.anaiss.outreach.support.Actions;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.MutableClock;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Collective actions with the real SMTP server, broker, Keycloak and database; time played by the fake clock. */
@QuarkusTest
class CollectiveActionTest {

    @Inject
    MutableClock clock;
    @Inject
    ReminderJob reminders;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void invitationRegistrationReminderAttendance() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String invited = Mailbox.newAddress("invited");
        String objecting = Mailbox.newAddress("objecting");
        String objectingNir = Nirs.random();
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", invited, day));
        Api.signal(Tokens.cpam(), Nirs.signal(objectingNir, "RHONE_ALPES", "SICK_LEAVE_90_DAYS", objecting, day));
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", objectingNir))
                .post("/api/outreach/objections").then().statusCode(204);

        Instant startsAt = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        String[] ids = Actions.create(gilles, Actions.action("JOB_RETENTION", List.of(Actions.session(startsAt, 10))));
        String action = ids[0];
        String session = ids[1];
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(invitation(day, "Bonjour {firstName},\nvenez à notre réunion :\n{sessions}\nInscrivez-vous : {registrationUrl}"))
                .post("/api/outreach/actions/" + action + "/invitations").then().statusCode(202).body("invited", equalTo(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.count(invited) == 1);
        assertThat(Mailbox.raw(Mailbox.messages(invited).get(0))).contains("Bonjour Camille").contains("Carsat, 35 rue Maurice Flandin");
        assertThat(Mailbox.count(objecting)).as("an objecting person is never invited").isZero();

        String token = Mailbox.registrationToken(invited);
        given().get("/api/outreach/registrations/" + token).then().statusCode(200).header("Cache-Control", "no-store")
                .body("sessions[0].id", equalTo(session)).body("sessions[0].seatsLeft", equalTo(10));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).post("/api/outreach/registrations/" + token)
                .then().statusCode(201).body("status", equalTo("REGISTERED"));
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).post("/api/outreach/registrations/" + token)
                .then().statusCode(409).contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.count(invited) == 2);
        String ics = given().get("/api/outreach/registrations/" + token + "/calendar.ics").then().statusCode(200)
                .contentType(containsString("text/calendar")).extract().asString();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("BEGIN:VEVENT").contains("UID:" + session + "@outreach.anaiss")
                .contains("DTSTART:" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC).format(startsAt));

        // the day before: one reminder, however often the job runs
        clock.advance(Duration.ofDays(2).plusHours(1));
        assertThat(reminders.remind()).isEqualTo(1);
        assertThat(reminders.remind()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.count(invited) == 3);
        assertThat(Mailbox.messages(invited).stream().filter(m -> String.valueOf(m.get("subject")).startsWith("Rappel")).count())
                .isEqualTo(1);

        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("attended", List.of(), "absent", List.of()))
                .post("/api/outreach/sessions/" + session + "/attendance").then().statusCode(409);

        clock.advance(Duration.ofDays(1)); // the session took place
        String registration = given().auth().oauth2(gilles).get("/api/outreach/sessions/" + session + "/registrations")
                .then().statusCode(200).body("[0].lastName", equalTo("Testperson")).body("[0].status", equalTo("REGISTERED"))
                .extract().path("[0].id");
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("attended", List.of(registration), "absent", List.of()))
                .post("/api/outreach/sessions/" + session + "/attendance").then().statusCode(200).body("held", equalTo(true));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("attended", List.of(registration), "absent", List.of()))
                .post("/api/outreach/sessions/" + session + "/attendance").then().statusCode(403);
        // the session is held and its attendance counted: released nationally once its period is (StatsExporterTest)
        assertThat(Db.count("select count(*) from action_session where id = ?::uuid and held", session)).isEqualTo(1);
    }

    @Test
    void anOfferCanProposeTheInformationMeeting() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String person = Mailbox.newAddress("offer-and-meeting");
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "WORK_UNFITNESS_RISK", person, day));
        String[] ids = Actions.create(gilles, Actions.action("JOB_RETENTION",
                List.of(Actions.session(Instant.now().plus(Duration.ofDays(10)), 20))));
        Map<String, Object> campaign = new HashMap<>(Api.campaign("Offre et réunion", "EMAIL", List.of("WORK_UNFITNESS_RISK"), day));
        campaign.put("template", "Bonjour {firstName},\nRépondez à notre offre : {answerUrl}\n"
                + "Ou venez à la réunion d'information :\n{sessions}\nInscription : {registrationUrl}");
        // without the action, the registration link is not offered to the template
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(campaign).post("/api/outreach/campaigns")
                .then().statusCode(400).contentType("application/problem+json");
        campaign.put("actionId", java.util.UUID.randomUUID().toString());
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(campaign).post("/api/outreach/campaigns")
                .then().statusCode(400).contentType("application/problem+json");
        campaign.put("actionId", ids[0]);
        String id = Api.createCampaign(gilles, campaign);
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + id + "/preview").then().statusCode(200)
                .body("sampleMessage", containsString("/i/"));
        Api.launch(gilles, id);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.count(person) == 1);
        assertThat(Mailbox.answerToken(person)).isNotNull();
        String token = Mailbox.registrationToken(person);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", ids[1])).post("/api/outreach/registrations/" + token)
                .then().statusCode(201).body("status", equalTo("REGISTERED"));
        given().get("/api/outreach/answers/" + Mailbox.answerToken(person)).then().statusCode(200)
                .body("message", containsString("/i/" + token));
    }

    @Test
    void twentyConcurrentRegistrationsForFiveSeatsThenACancellationPromotesTheFirstWaiting() throws Exception {
        String gilles = Tokens.user("gilles");
        String alice = Tokens.user("alice");
        String[] ids = Actions.create(gilles, Actions.action("RETURN_TO_WORK",
                List.of(Actions.session(Instant.now().plus(Duration.ofDays(5)), 5))));
        String session = ids[1];
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Map<String, Object>>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = Mailbox.newAddress("seat" + i);
            Map<String, Object> body = Map.of("nir", Nirs.random(), "lastName", "Concurrent", "firstName", "Person" + i, "email", email);
            Callable<Map<String, Object>> call = () -> {
                start.await();
                Map<String, Object> r = given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                        .post("/api/outreach/sessions/" + session + "/registrations").then().statusCode(201)
                        .extract().jsonPath().getMap("$");
                Map<String, Object> withEmail = new HashMap<>(r);
                withEmail.put("email", email);
                return withEmail;
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<Map<String, Object>> registrations = new ArrayList<>();
        for (Future<Map<String, Object>> f : results) {
            registrations.add(f.get());
        }
        pool.shutdown();
        assertThat(registrations.stream().filter(r -> "REGISTERED".equals(r.get("status"))).count()).isEqualTo(5);
        assertThat(registrations.stream().filter(r -> "WAITING".equals(r.get("status"))).count()).isEqualTo(15);
        assertThat(Db.count("select seats_taken from action_session where id = ?::uuid", session)).isEqualTo(5);
        given().auth().oauth2(alice).get("/api/outreach/actions/" + ids[0]).then().statusCode(200)
                .body("sessions[0].seatsTaken", equalTo(5)).body("sessions[0].waiting", equalTo(15));

        String first = Db.string("select id::text from registration where session_id = ?::uuid and status = 'WAITING' "
                + "order by created_at, id limit 1", session);
        String firstEmail = registrations.stream().filter(r -> first.equals(r.get("id"))).findFirst().orElseThrow().get("email").toString();
        String leaving = registrations.stream().filter(r -> "REGISTERED".equals(r.get("status"))).findFirst().orElseThrow()
                .get("id").toString();
        given().auth().oauth2(alice).post("/api/outreach/sessions/" + session + "/registrations/" + leaving + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(Db.string("select status from registration where id = ?::uuid", first)).isEqualTo("REGISTERED");
        assertThat(Db.count("select seats_taken from action_session where id = ?::uuid", session)).isEqualTo(5);
        assertThat(Db.count("select count(*) from registration where session_id = ?::uuid and status = 'WAITING'", session)).isEqualTo(14);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(firstEmail).stream()
                .anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Une place pour vous")));
    }

    @Test
    void registrationsAndActionsStayInTheirRegion() {
        String[] ids = Actions.create(Tokens.user("gilles"), Actions.action("ACCESS_TO_RIGHTS",
                List.of(Actions.session(Instant.now().plus(Duration.ofDays(5)), 5))));
        Map<String, Object> person = Map.of("nir", Nirs.random(), "lastName", "Ailleurs", "firstName", "Anne");
        given().auth().oauth2(Tokens.user("emma")).contentType(ContentType.JSON).body(person)
                .post("/api/outreach/sessions/" + ids[1] + "/registrations").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/actions/" + ids[0]).then().statusCode(404);
        given().auth().oauth2(Tokens.user("ines")).get("/api/outreach/actions").then().statusCode(403);
        given().get("/api/outreach/actions").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Actions.action("AUTONOMY", List.of(Actions.session(Instant.now().plus(Duration.ofDays(5)), 5))))
                .post("/api/outreach/actions").then().statusCode(403);
        given().auth().oauth2(Tokens.user("alice")).get("/api/outreach/sessions/" + ids[1] + "/registrations").then().statusCode(403);
        given().auth().oauth2(Tokens.user("alice")).get("/api/outreach/sessions/" + ids[1] + "/calendar.ics").then().statusCode(200)
                .body(containsString("BEGIN:VEVENT"));
    }

    @Test
    void badInputIsAProblemJson400AndChangesNothing() {
        String gilles = Tokens.user("gilles");
        Instant later = Instant.now().plus(Duration.ofDays(5));
        List<Map<String, Object>> bad = List.of(
                Actions.action("JOB_RETENTION", List.of()),
                Actions.action("UNKNOWN_THEME", List.of(Actions.session(later, 5))),
                Actions.action("JOB_RETENTION", List.of(Actions.session(Instant.now().minus(Duration.ofDays(1)), 5))),
                Actions.action("JOB_RETENTION", List.of(Actions.session(later, 0))),
                Actions.action("JOB_RETENTION", List.of(Map.of("startsAt", later.toString(), "durationMinutes", 60, "capacity", 5))),
                Actions.action("JOB_RETENTION", List.of(Map.of("startsAt", later.toString(), "durationMinutes", 60, "capacity", 5,
                        "videoUrl", "http://insecure.example"))));
        long before = Db.count("select count(*) from collective_action");
        for (Map<String, Object> body : bad) {
            given().auth().oauth2(gilles).contentType(ContentType.JSON).body(body).post("/api/outreach/actions")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        String[] ids = Actions.create(gilles, Actions.action("OTHER", List.of(Actions.session(later, 5))));
        assertThat(Db.count("select count(*) from collective_action")).isEqualTo(before + 1);
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(invitation(Nirs.uniqueDay(), "Bonjour {firstName}, sans lien"))
                .post("/api/outreach/actions/" + ids[0] + "/invitations").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", "123", "lastName", "X", "firstName", "Y"))
                .post("/api/outreach/sessions/" + ids[1] + "/registrations").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("attended", List.of(java.util.UUID.randomUUID().toString()), "absent", List.of()))
                .post("/api/outreach/sessions/" + ids[1] + "/attendance").then().statusCode(409);
        given().auth().oauth2(gilles).get("/api/outreach/sessions/" + java.util.UUID.randomUUID() + "/calendar.ics").then().statusCode(404);
        given().get("/api/outreach/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("sessionId", "nope"))
                .post("/api/outreach/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(400);
        assertThat(Db.count("select count(*) from registration where session_id = ?::uuid", ids[1])).isZero();
    }

    static Map<String, Object> invitation(LocalDate day, String template) {
        return Map.of("signalTypes", List.of("SICK_LEAVE_90_DAYS"), "windowFrom", day.toString(), "windowTo", day.toString(),
                "channel", "EMAIL", "subject", "Réunion d'information", "template", template);
    }
}
