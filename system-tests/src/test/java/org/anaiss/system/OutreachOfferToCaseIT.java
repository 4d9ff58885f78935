package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Purpose P4 end to end, with the packaged services, the real broker, PostgreSQL, Keycloak and SMTP
 * server: a partner signals a person, an officer runs an e-mail campaign, the person receives the
 * message, accepts through the link, and case-service opens the case (which outreach-service then
 * knows about through case-events).
 */
class OutreachOfferToCaseIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void signalCampaignMailAcceptanceOpensACase() throws Exception {
        LocalDate day = OutreachSupport.uniqueDay();
        String nir = OutreachSupport.nir();
        String address = OutreachSupport.address("accepts");
        String optedOutNir = OutreachSupport.nir();
        String optedOutAddress = OutreachSupport.address("opted-out");
        String lastName = Fixtures.uniqueLastName();
        Map<String, Object> signal = OutreachSupport.signal(nir, lastName, "RHONE_ALPES", "SICK_LEAVE_90_DAYS", address, day);

        // the partner signals, and retries with the same key: one signal only
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(OutreachSupport.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(signal).post("/api/partners/signals").then().statusCode(201).extract().path("id");
        String retried = given().auth().oauth2(OutreachSupport.cpam()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(signal).post("/api/partners/signals").then().statusCode(201).extract().path("id");
        assertThat(retried).isEqualTo(first);
        assertThat(signalsOf(nir)).isEqualTo(1);

        OutreachSupport.postSignal(OutreachSupport.cpam(),
                OutreachSupport.signal(optedOutNir, Fixtures.uniqueLastName(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", optedOutAddress, day));
        String gilles = Tokens.user("gilles");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", optedOutNir))
                .post("/api/outreach/objections").then().statusCode(204);

        String campaign = OutreachSupport.createCampaign(gilles, OutreachSupport.campaign("EMAIL", List.of("SICK_LEAVE_90_DAYS"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/preview").then().statusCode(200)
                .body("targets", equalTo(1));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> OutreachSupport.mailCount(address) == 1);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign).then().statusCode(200)
                .body("status", equalTo("DONE")).body("progress.done", equalTo(1)).body("progress.total", equalTo(1));
        given().auth().oauth2(OutreachSupport.cpam()).get("/api/partners/signals/" + first).then().statusCode(200)
                .body("status", equalTo("OFFER_SENT"));

        // TODO(gateway): call the link through the gateway once it opens /api/outreach/answers/** without a token;
        // until then it is called on outreach-service itself, as the person's browser would once routed.
        String token = OutreachSupport.answerToken(address);
        String outreach = Suite.get().url(Suite.Service.OUTREACH);
        given().baseUri(outreach).get("/api/outreach/answers/" + token).then().statusCode(200);
        given().baseUri(outreach).contentType(ContentType.JSON)
                .body(Map.of("response", "ACCEPTED", "preferredContactSlot", "mardi après-midi"))
                .post("/api/outreach/answers/" + token).then().statusCode(200).body("status", equalTo("ACCEPTED"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> caseOrigin(nir) != null);
        assertThat(caseOrigin(nir)).isEqualTo("OUTREACH_OFFER");
        // and case-service's case-events come back: outreach-service knows the person has an open case now
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> knownOpenCases(nir) == 1);

        Thread.sleep(2000);
        assertThat(OutreachSupport.mailCount(optedOutAddress)).as("the opted-out person gets nothing").isZero();
        assertThat(OutreachSupport.mailCount(address)).isEqualTo(1);
        given().auth().oauth2(OutreachSupport.cpam()).get("/api/partners/signals/" + first).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
    }

    private static long signalsOf(String nir) throws Exception {
        try (Connection c = Db.superuser("outreach");
                PreparedStatement ps = c.prepareStatement("select count(*) from signal where person_key = ?")) {
            ps.setString(1, OutreachSupport.personKey(nir));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String caseOrigin(String nir) throws Exception {
        try (Connection c = Db.superuser("cases");
                PreparedStatement ps = c.prepareStatement("select sc.origin from support_case sc join person p on p.id = sc.person_id "
                        + "where p.nir_hash = ? and p.region = 'RHONE_ALPES'")) {
            ps.setBytes(1, OutreachSupport.nirHash(nir));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long knownOpenCases(String nir) throws Exception {
        try (Connection c = Db.superuser("outreach");
                PreparedStatement ps = c.prepareStatement("select count(*) from known_case where person_key = ? and status = 'OPEN'")) {
            ps.setString(1, OutreachSupport.personKey(nir));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
