package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Kafka;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Schemas;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * An e-mail campaign, with the real SMTP server, broker and Keycloak: who is offered and who is not,
 * what the person receives, and what each answer does.
 */
@QuarkusTest
class EmailCampaignTest {

    @Test
    void campaignOffersEligiblePeopleOnlyAndAnswersTakeEffect() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String accepting = Mailbox.newAddress("accept");
        String declining = Mailbox.newAddress("decline");
        String objecting = Mailbox.newAddress("object-by-link");
        String optedOut = Mailbox.newAddress("opted-out");
        String withCase = Mailbox.newAddress("open-case");
        String breton = Mailbox.newAddress("breton");
        String nirAccepting = Nirs.random();
        String nirOptedOut = Nirs.random();
        String nirWithCase = Nirs.random();
        String signalAccepting = Api.signal(Tokens.cpam(), Nirs.signal(nirAccepting, "RHONE_ALPES", "WORK_UNFITNESS_RISK", accepting, day));
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", declining, day));
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "WORK_UNFITNESS_RISK", objecting, day));
        Api.signal(Tokens.cpam(), Nirs.signal(nirOptedOut, "RHONE_ALPES", "WORK_UNFITNESS_RISK", optedOut, day));
        Api.signal(Tokens.cpam(), Nirs.signal(nirWithCase, "RHONE_ALPES", "WORK_UNFITNESS_RISK", withCase, day));
        Api.signal(Tokens.chu(), Nirs.signal(Nirs.random(), "BRETAGNE", "WORK_UNFITNESS_RISK", breton, day));
        // a type the campaign does not target
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "HOSPITAL_DISCHARGE", Mailbox.newAddress("other-type"), day));

        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", nirOptedOut))
                .post("/api/outreach/objections").then().statusCode(204);
        Kafka.caseEvent(PersonKeys.of(nirWithCase), "RHONE_ALPES", "OPEN");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count("select count(*) from known_case where person_key = ? and status = 'OPEN'", PersonKeys.of(nirWithCase)) == 1);

        String campaign = Api.createCampaign(gilles, Api.campaign("Relance arrêts longs", "EMAIL",
                List.of("WORK_UNFITNESS_RISK", "SICK_LEAVE_90_DAYS"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/preview")
                .then().statusCode(200).body("targets", equalTo(3))
                .body("sampleMessage", containsString("Camille Exemple")).body("sampleMessage", containsString("/o/"));

        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign)
                .then().body("progress.done", equalTo(3)).body("progress.total", equalTo(3));

        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.count(accepting) == 1 && Mailbox.count(declining) == 1
                && Mailbox.count(objecting) == 1);
        assertThat(Mailbox.count(optedOut)).as("an objecting person gets nothing").isZero();
        assertThat(Mailbox.count(withCase)).as("a person with an open case gets nothing").isZero();
        assertThat(Mailbox.count(breton)).as("another region's person gets nothing").isZero();
        Map<String, Object> mail = Mailbox.messages(accepting).get(0);
        assertThat(mail.get("subject")).isEqualTo("Une aide du service social");
        assertThat(String.valueOf(mail.get("Message-ID"))).endsWith("@outreach.anaiss>");
        assertThat(Mailbox.raw(mail)).contains("Bonjour Camille Testperson");

        // the person answers through the link, without any account
        String token = Mailbox.answerToken(accepting);
        given().get("/api/outreach/answers/" + token).then().statusCode(200)
                .header("Cache-Control", "no-store").body("subject", equalTo("Une aide du service social"))
                .body("message", containsString("Camille Testperson"))
                // the person's page shows the first name alone, and says who writes and why
                .body("firstName", equalTo("Camille")).body("region", equalTo("RHONE_ALPES")).body("signalType", notNullValue());
        String offerId = Db.string("select id::text from offer where signal_id = ?::uuid", signalAccepting);
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        given().contentType(ContentType.JSON).header("traceparent", traceparent)
                .body(Map.of("response", "ACCEPTED", "preferredContactSlot", "le matin"))
                .post("/api/outreach/answers/" + token).then().statusCode(200).body("status", equalTo("ACCEPTED"));
        // single use: the same link now answers 404, like an unknown one, marked gone for the person's page (410)
        given().get("/api/outreach/answers/" + token).then().statusCode(404).contentType("application/problem+json")
                .body("gone", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("response", "DECLINED")).post("/api/outreach/answers/" + token)
                .then().statusCode(404);

        // offer-accepted reaches the broker, as the contract says
        var records = Kafka.recordsWithKey("offer-accepted", offerId, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        // with the trace context of the answer's request, so the trace goes on in case-service
        assertThat(new String(records.get(0).headers().lastHeader("traceparent").value())).isEqualTo(traceparent);
        List<String> events = records.stream().map(r -> r.value()).toList();
        assertThat(Schemas.errors("offer-accepted.v1.json", events.get(0))).isEmpty();
        assertThat(events.get(0)).contains(nirAccepting).contains("\"preferredContactSlot\":\"le matin\"");

        // the partner sees the signal closed, never the answer
        given().auth().oauth2(Tokens.cpam()).get("/api/partners/signals/" + signalAccepting)
                .then().statusCode(200).body("status", equalTo("CLOSED")).body(not(containsString("ACCEPTED")));

        String declineToken = Mailbox.answerToken(declining);
        given().contentType(ContentType.JSON).body(Map.of("response", "DECLINED")).post("/api/outreach/answers/" + declineToken)
                .then().statusCode(200).body("status", equalTo("DECLINED"));

        String objectToken = Mailbox.answerToken(objecting);
        given().post("/api/outreach/answers/" + objectToken + "/objection").then().statusCode(200);
        given().get("/api/outreach/answers/" + objectToken).then().statusCode(404);

        // a second campaign on the same people reaches no one: answered, declined, objected, opted out, case open
        String again = Api.createCampaign(gilles, Api.campaign("Deuxième vague", "EMAIL",
                List.of("WORK_UNFITNESS_RISK", "SICK_LEAVE_90_DAYS"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + again + "/preview")
                .then().statusCode(200).body("targets", equalTo(0));
    }

    @Test
    void unknownOrMalformedLinksAnswer404Alike() {
        given().get("/api/outreach/answers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("This link does not exist or is outside your scope."))
                .body("gone", nullValue());
        given().get("/api/outreach/answers/short").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("response", "ACCEPTED"))
                .post("/api/outreach/answers/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
    }

    @Test
    void officerRecordsAPhoneAnswerAndAPostponement() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String nir = Nirs.random();
        String other = Nirs.random();
        String address = Mailbox.newAddress("phone");
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "DISABILITY_PENSION", address, day));
        Api.signal(Tokens.cpam(), Nirs.signal(other, "RHONE_ALPES", "DISABILITY_PENSION", Mailbox.newAddress("postpone"), day));
        String campaign = Api.createCampaign(gilles, Api.campaign("Pensions", "EMAIL", List.of("DISABILITY_PENSION"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));

        String offerId = given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/offers/lookup").then().statusCode(200).extract().path("[0].id");
        // another region's officer does not see it
        given().auth().oauth2(Tokens.user("helene")).contentType(ContentType.JSON)
                .body(Map.of("response", "DECLINED", "receivedBy", "PHONE"))
                .post("/api/outreach/offers/" + offerId + "/answer").then().statusCode(404);
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("response", "DECLINED", "receivedBy", "FAX"))
                .post("/api/outreach/offers/" + offerId + "/answer").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("response", "DECLINED", "receivedBy", "PHONE"))
                .post("/api/outreach/offers/" + offerId + "/answer").then().statusCode(200).body("status", equalTo("DECLINED"))
                .body("answerChannel", equalTo("PHONE"));
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("response", "ACCEPTED", "receivedBy", "PHONE"))
                .post("/api/outreach/offers/" + offerId + "/answer").then().statusCode(409).contentType("application/problem+json");

        String otherOffer = given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", other))
                .post("/api/outreach/offers/lookup").then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("response", "POSTPONED", "receivedBy", "LETTER", "postponedUntil", LocalDate.now().minusDays(1).toString()))
                .post("/api/outreach/offers/" + otherOffer + "/answer").then().statusCode(400);
        String until = LocalDate.now().plusMonths(2).toString();
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("response", "POSTPONED", "receivedBy", "LETTER", "postponedUntil", until))
                .post("/api/outreach/offers/" + otherOffer + "/answer").then().statusCode(200).body("status", equalTo("POSTPONED"))
                .body("postponedUntil", equalTo(until));
        // still open: the person may accept later, but not postpone twice
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("response", "POSTPONED", "receivedBy", "LETTER", "postponedUntil", until))
                .post("/api/outreach/offers/" + otherOffer + "/answer").then().statusCode(409);
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("response", "ACCEPTED", "receivedBy", "PHONE"))
                .post("/api/outreach/offers/" + otherOffer + "/answer").then().statusCode(200).body("status", equalTo("ACCEPTED"));
    }
}
