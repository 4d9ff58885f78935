package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A letter campaign: one PDF per person, a merged PDF per batch for the mail room, for the officer only. */
@QuarkusTest
class LetterCampaignTest {

    @Test
    void letterCampaignRendersOnePdfPerPersonAndAMergedBatch() throws Exception {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String nir = Nirs.random();
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day));
        Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day));
        Map<String, Object> noAddress = Nirs.signal(Nirs.random(), "RHONE_ALPES", "HOSPITAL_DISCHARGE", null, day);
        ((Map<String, Object>) noAddress.get("person")).remove("addressLine");
        Api.signal(Tokens.cpam(), noAddress);

        String campaign = Api.createCampaign(gilles, Api.campaign("Sorties d'hôpital", "LETTER", List.of("HOSPITAL_DISCHARGE"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/preview")
                .then().statusCode(200).body("targets", equalTo(2));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));

        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/letters")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].letters", equalTo(2));
        byte[] merged = given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/letters/1")
                .then().statusCode(200).contentType("application/pdf").header("Cache-Control", "no-store")
                .extract().asByteArray();
        PdfReader batch = new PdfReader(merged);
        assertThat(batch.getNumberOfPages()).isEqualTo(2);
        String firstPage = new PdfTextExtractor(batch).getTextFromPage(1);
        assertThat(firstPage).contains("Camille TESTPERSON").contains("69003 LYON").contains("/o/");

        String offerId = given().auth().oauth2(gilles).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/offers/lookup").then().statusCode(200).body("[0].status", equalTo("SENT"))
                .body("[0].letterBatch", equalTo(1)).extract().path("[0].id");
        byte[] single = given().auth().oauth2(gilles).get("/api/outreach/offers/" + offerId + "/letter")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new PdfReader(single).getNumberOfPages()).isEqualTo(1);

        // another region's officer gets nothing of it
        given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/campaigns/" + campaign + "/letters/1").then().statusCode(404);
        given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/offers/" + offerId + "/letter").then().statusCode(404);
        given().auth().oauth2(Tokens.user("alice")).get("/api/outreach/offers/" + offerId + "/letter").then().statusCode(403);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/letters/9").then().statusCode(404);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign + "/letters/zero").then().statusCode(400);
    }
}
