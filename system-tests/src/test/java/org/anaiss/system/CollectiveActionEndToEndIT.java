package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Purpose P3 end to end with the packaged services and the real infrastructure: an officer creates an
 * information meeting, invites signalled people by e-mail (an objecting person is never invited), a
 * person registers through the link, gets the reminder, comes, and the officer records attendance.
 */
class CollectiveActionEndToEndIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void invitationRegistrationReminderAttendance() throws Exception {
        LocalDate day = OutreachSupport.uniqueDay();
        String invited = OutreachSupport.address("meeting");
        String objecting = OutreachSupport.address("never-invited");
        String objectingNir = OutreachSupport.nir();
        OutreachSupport.postSignal(OutreachSupport.cpam(), OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(),
                "RHONE_ALPES", "SICK_LEAVE_90_DAYS", invited, day));
        OutreachSupport.postSignal(OutreachSupport.cpam(), OutreachSupport.signal(objectingNir, Fixtures.uniqueLastName(),
                "RHONE_ALPES", "SICK_LEAVE_90_DAYS", objecting, day));
        String gilles = Tokens.user("gilles");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", objectingNir))
                .post("/api/outreach/objections").then().statusCode(204);

        // a session soon enough for the reminder (sent within the 24 h before) and for attendance within the test
        Instant startsAt = Instant.now().plus(Duration.ofSeconds(150)).truncatedTo(ChronoUnit.SECONDS);
        var created = given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("theme", "JOB_RETENTION", "title", "Garder son emploi", "description", "Réunion d'information",
                        "targetPublic", "Assurés en arrêt long", "sessions", List.of(Map.of("startsAt", startsAt.toString(),
                                "durationMinutes", 60, "place", "Carsat Rhône-Alpes, Lyon", "capacity", 10))))
                .post("/api/outreach/actions").then().statusCode(201).extract();
        String action = created.path("id");
        String session = created.path("sessions[0].id");
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("signalTypes", List.of("SICK_LEAVE_90_DAYS"), "windowFrom", day.toString(), "windowTo", day.toString(),
                        "channel", "EMAIL", "subject", "Réunion d'information",
                        "template", "Bonjour {firstName},\n{sessions}\nInscrivez-vous : {registrationUrl}"))
                .post("/api/outreach/actions/" + action + "/invitations").then().statusCode(202).body("invited", equalTo(1));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> OutreachSupport.mailCount(invited) == 1);

        // TODO(gateway): through the gateway once it opens /api/outreach/registrations/** without a token
        String outreach = Suite.get().url(Suite.Service.OUTREACH);
        String token = OutreachSupport.registrationToken(invited);
        given().baseUri(outreach).get("/api/outreach/registrations/" + token).then().statusCode(200)
                .body("sessions[0].seatsLeft", equalTo(10));
        given().baseUri(outreach).contentType(ContentType.JSON).body(Map.of("sessionId", session))
                .post("/api/outreach/registrations/" + token).then().statusCode(201).body("status", equalTo("REGISTERED"));
        given().baseUri(outreach).get("/api/outreach/registrations/" + token + "/calendar.ics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("BEGIN:VEVENT"));

        // confirmation, then the reminder (the reminder job runs every minute)
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> OutreachSupport.mails(invited).stream()
                .anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Rappel")));
        assertThat(OutreachSupport.mailCount(objecting)).as("an objecting person is never invited").isZero();

        await().atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(startsAt.plusSeconds(2)));
        String registration = given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/sessions/" + session + "/registrations")
                .then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(Tokens.user("gilles")).contentType(ContentType.JSON)
                .body(Map.of("attended", List.of(registration), "absent", List.of()))
                .post("/api/outreach/sessions/" + session + "/attendance").then().statusCode(200).body("held", equalTo(true));
        given().auth().oauth2(Tokens.user("alice")).get("/api/outreach/actions/" + action).then().statusCode(200)
                .body("sessions[0].held", equalTo(true)).body("sessions[0].seatsTaken", equalTo(1));
        assertThat(OutreachSupport.mails(invited).stream().filter(m -> String.valueOf(m.get("subject")).startsWith("Rappel")).count())
                .as("one reminder only").isEqualTo(1);
    }
}
