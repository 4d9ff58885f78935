package org.anaiss.outreach.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Kafka;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.MutableClock;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.anaiss.platform.outbox.OutboxPurge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * Nothing personal left behind in the outbox: an accepted offer (identity, NIR, address) waits sealed
 * by the field cipher, the broker gets it in clear (the relay opens it), and the row is gone after the
 * grace period. Real flow (partner signal, campaign, officer's answer), raw rows read with SQL.
 */
@QuarkusTest
class OutboxPrivacyTest {

    @Inject
    MutableClock clock;
    @Inject
    OutboxPurge purge;
    @Inject
    OutreachConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAcceptedOfferWaitsEncryptedAndLeavesNothingAfterTheGracePeriod() throws Throwable {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String nir = Nirs.random();
        String email = Mailbox.newAddress("sealed");
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "DISABILITY_PENSION", email, day));
        String campaign = Api.createCampaign(gilles, Api.campaign("Scellé", "EMAIL", List.of("DISABILITY_PENSION"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));
        String offerId = given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/offers/lookup").then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("response", "ACCEPTED", "receivedBy", "PHONE", "preferredContactSlot", "le jeudi après-midi"))
                .post("/api/outreach/offers/" + offerId + "/answer").then().statusCode(200).body("status", equalTo("ACCEPTED"));

        // the raw row, as anyone reading the database or a backup sees it: sealed, nothing readable
        Row row = row(offerId);
        assertThat(row.payload).as("no clear payload").isNull();
        assertThat(row.keyId).isNotBlank();
        String raw = new String(row.ciphertext, StandardCharsets.ISO_8859_1);
        for (String personal : List.of(nir, "Testperson", "Camille", "12 rue des Tests", email, "jeudi", "1970-05-12")) {
            assertThat(raw).doesNotContain(personal);
        }
        assertThat(Db.count("select count(*) from outbox_event where payload like ? or payload like ?", "%" + nir + "%", "%" + email + "%"))
                .isZero();

        // the broker gets the event in clear, as case-service needs it
        var records = Kafka.recordsWithKey("offer-accepted", offerId, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).contains(nir).contains("Testperson").contains("le jeudi après-midi");
        await().atMost(Duration.ofSeconds(30)).until(() -> row(offerId).sentAt);

        // within the grace period the sent row stays; after it, it is gone, and so is every sent row past it
        clock.advance(config.outbox().sentRetention().minusMinutes(5));
        VertxContextSupport.subscribeAndAwait(() -> purge.purge());
        assertThat(Db.count("select count(*) from outbox_event where record_key = ?", offerId)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat((int) VertxContextSupport.subscribeAndAwait(() -> purge.purge())).isPositive();
        assertThat(Db.count("select count(*) from outbox_event where record_key = ?", offerId)).isZero();
        assertThat(Db.count("select count(*) from outbox_event where sent_at < now() - ?::interval",
                config.outbox().sentRetention().toSeconds() + " seconds")).isZero();
        // no row about a person is left in clear (rows written before the encryption included, once sent)
        assertThat(Db.count("select count(*) from outbox_event where topic = 'offer-accepted' and payload is not null "
                + "and sent_at is not null")).isZero();
    }

    private record Row(String payload, byte[] ciphertext, String keyId, boolean sentAt) {
    }

    private static Row row(String offerId) throws Exception {
        try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement(
                "select payload, payload_ct, payload_key, sent_at is not null from outbox_event where record_key = ?")) {
            ps.setString(1, offerId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the outbox row of the accepted offer").isTrue();
                return new Row(rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getBoolean(4));
            }
        }
    }
}
