package org.anaiss.outreach.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The DPO's export of what outreach-service holds on a person (called by case-service for the full export). */
@QuarkusTest
class DpoExportTest {

    @Test
    void dpoGetsEverythingHeldOnAPersonAndNobodyElseDoes() {
        String nir = Nirs.random();
        Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "HOSPITAL_DISCHARGE", null));
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/dpo/exports").then().statusCode(200).header("Cache-Control", "no-store")
                .body("signals", hasSize(1)).body("signals[0].person.nir", equalTo(nir))
                .body("signals[0].partner", equalTo(Tokens.PARTNER_CPAM)).body("offers", hasSize(0))
                .body("objection", nullValue());
        given().auth().oauth2(Tokens.user("gilles")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/dpo/exports").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("nir", nir)).post("/api/outreach/dpo/exports").then().statusCode(401);
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("nir", "1"))
                .post("/api/outreach/dpo/exports").then().statusCode(400).contentType("application/problem+json");
    }
}
