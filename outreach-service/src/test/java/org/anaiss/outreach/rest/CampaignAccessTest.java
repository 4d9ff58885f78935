package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Campaigns are the officers' own region's; bad input is a clear 400 and creates nothing. */
@QuarkusTest
class CampaignAccessTest {

    @Test
    void officerOfAnotherRegionCannotSeeOrLaunchACampaign() {
        String name = "Scope " + UUID.randomUUID();
        String id = Api.createCampaign(Tokens.user("gilles"), Api.campaign(name, "EMAIL", List.of("OTHER"), Nirs.uniqueDay()));
        String helene = Tokens.user("helene");
        given().auth().oauth2(helene).get("/api/outreach/campaigns/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(helene).post("/api/outreach/campaigns/" + id + "/preview").then().statusCode(404);
        given().auth().oauth2(helene).post("/api/outreach/campaigns/" + id + "/launch").then().statusCode(404);
        given().auth().oauth2(helene).get("/api/outreach/campaigns/" + id + "/offers").then().statusCode(404);
        List<String> seen = given().auth().oauth2(helene).get("/api/outreach/campaigns?size=100").then().statusCode(200)
                .extract().path("items.id");
        assertThat(seen).doesNotContain(id);
        assertThat(Api.status(Tokens.user("gilles"), id)).isEqualTo("DRAFT");
        given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/campaigns?size=100").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.region", equalTo("RHONE_ALPES"));
    }

    @Test
    void onlyOutreachOfficersManageCampaigns() {
        Map<String, Object> body = Api.campaign("Roles", "EMAIL", List.of("OTHER"), Nirs.uniqueDay());
        given().contentType(ContentType.JSON).body(body).post("/api/outreach/campaigns").then().statusCode(401)
                .contentType("application/problem+json");
        given().get("/api/outreach/campaigns").then().statusCode(401);
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(body).post("/api/outreach/campaigns")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.cpam()).get("/api/outreach/campaigns").then().statusCode(403);
        given().auth().oauth2(Tokens.user("ines")).get("/api/outreach/campaigns").then().statusCode(403);
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("nir", Nirs.random()))
                .post("/api/outreach/objections").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("nir", Nirs.random())).post("/api/outreach/objections").then().statusCode(401);
    }

    @Test
    void launchingTwiceIsAConflict() {
        String gilles = Tokens.user("gilles");
        String id = Api.createCampaign(gilles, Api.campaign("Twice", "EMAIL", List.of("OTHER"), Nirs.uniqueDay()));
        Api.launch(gilles, id);
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + id + "/launch").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void badCampaignsAreRefusedWithProblemJsonAndNothingIsCreated() {
        String gilles = Tokens.user("gilles");
        String name = "Invalid " + UUID.randomUUID();
        LocalDate day = Nirs.uniqueDay();
        Map<String, Object> good = new HashMap<>(Api.campaign(name, "EMAIL", List.of("OTHER"), day));
        List<Map<String, Object>> bad = List.of(
                with(good, "name", ""),
                with(good, "signalTypes", List.of()),
                with(good, "signalTypes", List.of("UNKNOWN")),
                with(good, "channel", "SMS"),
                with(good, "windowFrom", day.plusDays(1).toString()),
                with(good, "answerDeadline", LocalDate.now().minusDays(1).toString()),
                with(good, "answerDeadline", LocalDate.now().plusYears(2).toString()),
                with(good, "template", "Bonjour {firstName}, sans lien pour répondre."),
                with(good, "template", "Bonjour {nir} {answerUrl}"),
                with(good, "template", "Bonjour {#if firstName}{answerUrl}"),
                with(good, "template", "x".repeat(20001)),
                with(good, "region", "BRETAGNE"));
        for (Map<String, Object> body : bad) {
            given().auth().oauth2(gilles).contentType(ContentType.JSON).body(body).post("/api/outreach/campaigns")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        assertThat(Db.count("select count(*) from campaign where name = ?", name)).isZero();
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).get("/api/outreach/campaigns?size=100000").then().statusCode(400);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + UUID.randomUUID() + "/offers?status=WHATEVER").then().statusCode(400);
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", "12345"))
                .post("/api/outreach/objections").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", "12345"))
                .post("/api/outreach/offers/lookup").then().statusCode(400);
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }
}
