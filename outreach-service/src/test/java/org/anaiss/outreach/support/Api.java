package org.anaiss.outreach.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

/** Calls of the service API with real tokens, as other systems and officers make them. */
public final class Api {

    private Api() {
    }

    /** Signals one person for the partner; returns the signal id. */
    public static String signal(String partnerToken, Map<String, Object> body) {
        return given().auth().oauth2(partnerToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/partners/signals")
                .then().statusCode(201).extract().path("id");
    }

    /** A campaign of signals of that one day (see Nirs.uniqueDay). */
    public static Map<String, Object> campaign(String name, String channel, List<String> types, LocalDate day) {
        return Map.of("name", name, "signalTypes", types, "windowFrom", day.toString(),
                "windowTo", day.toString(), "channel", channel,
                "subject", "Une aide du service social",
                "template", "Bonjour {firstName} {lastName},\nLe service social peut vous aider.\nRépondez avant le {deadline} : {answerUrl}",
                "answerDeadline", LocalDate.now().plusDays(20).toString());
    }

    public static String createCampaign(String officerToken, Map<String, Object> body) {
        return given().auth().oauth2(officerToken).contentType(ContentType.JSON).body(body)
                .post("/api/outreach/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    public static void launch(String officerToken, String campaignId) {
        given().auth().oauth2(officerToken).post("/api/outreach/campaigns/" + campaignId + "/launch").then().statusCode(202);
    }

    public static String status(String officerToken, String campaignId) {
        return given().auth().oauth2(officerToken).get("/api/outreach/campaigns/" + campaignId)
                .then().statusCode(200).extract().path("status");
    }
}
