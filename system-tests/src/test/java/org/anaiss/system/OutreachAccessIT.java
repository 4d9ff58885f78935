package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Through the gateway with real tokens: partners see their own signals only, officers their own region only; bad input is a 4xx problem. */
class OutreachAccessIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void partnerCannotReadAnotherPartnersSignals() {
        String id = OutreachSupport.postSignal(OutreachSupport.cpam(), OutreachSupport.signal(OutreachSupport.nir(),
                Fixtures.uniqueLastName(), "RHONE_ALPES", "OTHER", null, OutreachSupport.uniqueDay()));
        given().auth().oauth2(OutreachSupport.cpam()).get("/api/partners/signals/" + id).then().statusCode(200);
        given().auth().oauth2(OutreachSupport.chu()).get("/api/partners/signals/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> seen = given().auth().oauth2(OutreachSupport.chu()).get("/api/partners/signals?size=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(seen).doesNotContain(id);
    }

    @Test
    void officerOfAnotherRegionCannotSeeACampaign() {
        String campaign = OutreachSupport.createCampaign(Tokens.user("gilles"),
                OutreachSupport.campaign("LETTER", List.of("OTHER"), OutreachSupport.uniqueDay()));
        given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/campaigns/" + campaign).then().statusCode(404)
                .contentType("application/problem+json");
        List<String> seen = given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/campaigns?size=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(seen).doesNotContain(campaign);
        given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/campaigns/" + campaign).then().statusCode(200)
                .body("region", equalTo("RHONE_ALPES"));
    }

    @Test
    void everyBadInputIsAProblemJson4xx() {
        String partner = OutreachSupport.cpam();
        Map<String, Object> good = OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(), "RHONE_ALPES", "OTHER",
                null, OutreachSupport.uniqueDay());
        Map<String, Object> futureDate = new HashMap<>(good);
        futureDate.put("signalDate", LocalDate.now().plusDays(5).toString());
        Map<String, Object> badType = new HashMap<>(good);
        badType.put("signalType", "BROKEN_LEG");
        @SuppressWarnings("unchecked")
        Map<String, Object> badNirPerson = new HashMap<>((Map<String, Object>) good.get("person"));
        badNirPerson.put("nir", "1234567890123");
        Map<String, Object> badNir = new HashMap<>(good);
        badNir.put("person", badNirPerson);
        for (Map<String, Object> body : List.of(futureDate, badType, badNir)) {
            given().auth().oauth2(partner).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body).post("/api/partners/signals").then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(partner).contentType(ContentType.JSON).body(good).post("/api/partners/signals")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(partner).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"person\":").post("/api/partners/signals").then().statusCode(400).contentType("application/problem+json");
        String gilles = Tokens.user("gilles");
        Map<String, Object> campaign = new HashMap<>(OutreachSupport.campaign("EMAIL", List.of("OTHER"), OutreachSupport.uniqueDay()));
        campaign.put("template", "Bonjour {firstName}");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(campaign).post("/api/outreach/campaigns")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/nope").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/api/outreach/campaigns").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", "99")).post("/api/outreach/objections")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
