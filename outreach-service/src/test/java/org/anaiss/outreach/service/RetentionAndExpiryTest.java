package org.anaiss.outreach.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

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

/** Deadlines and retention, played with the fake clock. */
@QuarkusTest
class RetentionAndExpiryTest {

    @Inject
    MutableClock clock;
    @Inject
    OfferExpiry expiry;
    @Inject
    RetentionJob retention;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void unansweredOfferBecomesNoResponseAtTheDeadlineAndItsLinkStopsWorking() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String address = Mailbox.newAddress("late");
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", address, day));
        String campaign = Api.createCampaign(gilles, Api.campaign("Délai", "EMAIL", List.of("OTHER"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.count(address) == 1);
        String token = Mailbox.answerToken(address);
        given().get("/api/outreach/answers/" + token).then().statusCode(200);

        clock.advance(Duration.ofDays(19));
        expiry.expire();
        assertThat(Db.string("select status from offer where signal_id = ?::uuid", signal)).isEqualTo("SENT");

        clock.advance(Duration.ofDays(3)); // past the deadline (20 days)
        given().get("/api/outreach/answers/" + token).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("response", "ACCEPTED")).post("/api/outreach/answers/" + token)
                .then().statusCode(404);
        expiry.expire();
        assertThat(Db.string("select status from offer where signal_id = ?::uuid", signal)).isEqualTo("NO_RESPONSE");
        given().auth().oauth2(Tokens.cpam()).get("/api/partners/signals/" + signal).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED"));
    }

    @Test
    void signalsWithoutOfferGoAfterSixMonthsAndOffersOneYearAfterTheirDeadline() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String lonely = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null, Nirs.uniqueDay()));
        String offered = Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", null, day));
        String campaign = Api.createCampaign(gilles, Api.campaign("Conservation", "LETTER", List.of("OTHER"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));
        String offer = Db.string("select id::text from offer where signal_id = ?::uuid", offered);
        assertThat(Db.count("select count(*) from offer_letter where offer_id = ?::uuid", offer)).isEqualTo(1);

        clock.advance(Duration.ofDays(150));
        retention.purge();
        assertThat(Db.count("select count(*) from signal where id = ?::uuid", lonely)).as("kept before 6 months").isEqualTo(1);

        clock.advance(Duration.ofDays(40)); // 190 days
        retention.purge();
        assertThat(Db.count("select count(*) from signal where id = ?::uuid", lonely)).as("purged after 6 months").isZero();
        assertThat(Db.count("select count(*) from signal where id = ?::uuid", offered)).as("kept with its offer").isEqualTo(1);
        assertThat(Db.count("select count(*) from offer where id = ?::uuid", offer)).isEqualTo(1);

        clock.advance(Duration.ofDays(200)); // 390 days: the deadline (20 days) is 370 days past
        expiry.expire();
        retention.purge();
        assertThat(Db.count("select count(*) from offer where id = ?::uuid", offer)).as("offer purged a year after its deadline").isZero();
        assertThat(Db.count("select count(*) from offer_letter where offer_id = ?::uuid", offer)).isZero();
        assertThat(Db.count("select count(*) from letter_batch where campaign_id = ?::uuid", campaign)).isZero();
        assertThat(Db.count("select count(*) from signal where id = ?::uuid", offered)).as("then its signal").isZero();
    }
}
