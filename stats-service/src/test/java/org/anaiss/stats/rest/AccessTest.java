package org.anaiss.stats.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Statistics for statisticians and administrators; operating the service for administrators only. Real tokens. */
@QuarkusTest
class AccessTest {

    private static final String TABLE = "/api/stats/tables/cases_opened?granularity=YEAR&from=1990&to=1990";

    @ParameterizedTest
    @ValueSource(strings = { "/api/stats/tables", TABLE, "/api/stats/admin/rejections", "/api/stats/admin/rebuild" })
    void withoutATokenTheAnswerIs401(String path) {
        given().get(path).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"anaiss\"");
    }

    @Test
    void aForgedTokenIs401() {
        given().auth().oauth2("eyJhbGciOiJub25lIn0.eyJyZWFsbV9hY2Nlc3MiOnsicm9sZXMiOlsic3RhdGlzdGljaWFuIl19fQ.")
                .get("/api/stats/tables").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { Tokens.SOCIAL_WORKER, Tokens.DPO })
    void aSocialWorkerOrTheDpoCannotReachTheStatistics(String user) {
        Api.as(user).get("/api/stats/tables").then().statusCode(403).contentType("application/problem+json");
        Api.as(user).get(TABLE).then().statusCode(403).contentType("application/problem+json");
        Api.as(user).accept("text/csv").get(TABLE).then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { Tokens.STATISTICIAN, Tokens.ADMIN })
    void aStatisticianOrAnAdminReadsTheTables(String user) {
        Api.as(user).get("/api/stats/tables").then().statusCode(200)
                .body("measure", hasItems("cases_opened", "cases_closed", "persons_accompanied"))
                .body("find { it.measure == 'cases_opened' }.dimensions.name",
                        equalTo(java.util.List.of("region", "ageBand", "sex", "theme", "origin")))
                .body("find { it.measure == 'cases_opened' }.producer", equalTo("case-service"))
                .body("find { it.measure == 'cases_opened' }.release", equalTo("REGIONAL"))
                .body("find { it.measure == 'cases_closed' }.release", equalTo("NATIONAL"))
                .body("find { it.measure == 'cases_closed' }.describes", equalTo("outcomes of the service's work"))
                .body("find { it.measure == 'cases_closed' }.dimensions.name",
                        equalTo(java.util.List.of("ageBand", "sex", "theme", "origin")))
                .body("find { it.measure == 'cases_opened' }.nextRelease.MONTH.period", org.hamcrest.Matchers.matchesPattern(
                        "[0-9]{4}-[0-9]{2}"))
                .body("find { it.measure == 'cases_opened' }.nextRelease.YEAR.expectedFrom", org.hamcrest.Matchers.notNullValue())
                .body("find { it.measure == 'cases_opened' }.released.MONTH", org.hamcrest.Matchers.notNullValue());
        Api.as(user).get(TABLE).then().statusCode(200).body("metadata.measure", equalTo("cases_opened"));
    }

    @ParameterizedTest
    @ValueSource(strings = { Tokens.STATISTICIAN, Tokens.SOCIAL_WORKER, Tokens.DPO })
    void onlyAnAdminSeesRejectionsAndRebuilds(String user) {
        Api.as(user).get("/api/stats/admin/rejections").then().statusCode(403);
        Api.as(user).get("/api/stats/admin/rebuild").then().statusCode(403);
        Api.as(user).post("/api/stats/admin/rebuild").then().statusCode(403);
    }

    @Test
    void anAdminSeesRejectionsAndTheRebuildStatus() {
        Api.as(Tokens.ADMIN).get("/api/stats/admin/rejections").then().statusCode(200);
        Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().statusCode(200);
        Api.as(Tokens.ADMIN).queryParam("limit", "0").get("/api/stats/admin/rejections").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
