package org.anaiss.stats.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The refused purpose: no breakdown or filter by social worker, team, site, service or person. Such
 * a request is answered 400 with the reason, whoever asks, and the allowed dimensions are listed.
 */
@QuarkusTest
class PurposeRefusalTest {

    @ParameterizedTest
    @ValueSource(strings = { "team", "worker", "socialWorker", "assignee", "assignedTo", "site", "service", "unit", "person",
            "personId", "author", "caseId", "team_id", "region,team", "region,worker" })
    void aBreakdownByStaffUnitOrPersonIsNotAPermittedPurpose(String groupBy) {
        Api.as(Tokens.STATISTICIAN).queryParam("granularity", "YEAR").queryParam("groupBy", groupBy)
                .get("/api/stats/tables/cases_opened")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/not-a-permitted-purpose"))
                .body("title", equalTo("Not a permitted purpose"))
                .body("detail", containsString("not a permitted purpose of this system"))
                .body("detail", containsString("never the staff or units"))
                .body("allowedDimensions", hasItem("region"))
                .body("allowedDimensions", not(hasItem("team")));
    }

    @ParameterizedTest
    @CsvSource({ "team,RA-LYON", "worker,alice", "assignee,bruno", "site,LYON-3", "service,SSR-69", "personId,42",
            "socialWorker,alice" })
    void aFilterByStaffUnitOrPersonIsNotAPermittedPurposeEvenForAnAdmin(String name, String value) {
        for (String user : new String[] { Tokens.STATISTICIAN, Tokens.ADMIN }) {
            Api.as(user).queryParam("granularity", "MONTH").queryParam(name, value)
                    .get("/api/stats/tables/persons_accompanied")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://anaiss.example/problems/not-a-permitted-purpose"))
                    .body("detail", not(containsString(value)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "granularity=WEEK|'granularity' must be one of",
            "from=2026-01|'granularity' is required",
            "granularity=MONTH&from=2026|'from' must be a MONTH period",
            "granularity=QUARTER&to=2026-13|'to' must be a QUARTER period",
            "granularity=YEAR&from=2027&to=2026|'from' must not be after 'to'",
            "granularity=YEAR&groupBy=region,region|names region twice",
            "granularity=YEAR&region=ATLANTIS|The filter on region takes one or more of",
            "granularity=YEAR&groupBy=signalType|signalType is not a dimension of cases_opened",
            "granularity=YEAR&channel=EMAIL|channel is not a dimension of cases_opened",
            "granularity=YEAR&granularity=MONTH|'granularity' may be given once" })
    void everyBadParameterIsAProblemNamingWhatIsExpected(String query, String expected) {
        var request = Api.as(Tokens.STATISTICIAN);
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            request = request.queryParam(kv[0], kv[1]);
        }
        request.get("/api/stats/tables/cases_opened").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/invalid-parameter"))
                .body("detail", containsString(expected));
    }

    @ParameterizedTest
    @CsvSource({ "cases_closed,groupBy=region", "cases_closed,'groupBy=ageBand,region'", "cases_closed,region=BRETAGNE",
            "cases_closed,region=ATLANTIS", "offer_responses,groupBy=region", "offer_responses,region=RHONE_ALPES",
            "sessions_held,groupBy=region", "people_attended,region=BRETAGNE", "people_registered,groupBy=region" })
    void anOutcomeIsReleasedNationallyOnlyARegionalBreakdownOrFilterIsNotAPermittedPurpose(String measure, String query) {
        for (String user : new String[] { Tokens.STATISTICIAN, Tokens.ADMIN }) {
            var request = Api.as(user).queryParam("granularity", "YEAR");
            String[] kv = query.split("=", 2);
            request.queryParam(kv[0], kv[1]).get("/api/stats/tables/" + measure)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://anaiss.example/problems/not-a-permitted-purpose"))
                    .body("detail", containsString(measure + " describes outcomes of the service's work"))
                    .body("detail", containsString("released nationally only"))
                    .body("detail", containsString("rank the regional funds"))
                    .body("detail", not(containsString("ATLANTIS")))
                    .body("releasedNationallyOnly", equalTo(true));
        }
    }

    @org.junit.jupiter.api.Test
    void anOutcomeIsAnsweredNationallyAndAMeasureOfThePublicServedByRegion() {
        Api.as(Tokens.STATISTICIAN).queryParam("granularity", "YEAR").queryParam("groupBy", "ageBand,theme")
                .get("/api/stats/tables/cases_closed").then().statusCode(200);
        Api.as(Tokens.STATISTICIAN).queryParam("granularity", "YEAR").queryParam("groupBy", "region")
                .queryParam("region", "BRETAGNE").get("/api/stats/tables/cases_opened").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "caseload_per_worker", "team_activity", "Cases-Opened" })
    void aTableThatIsNotPublishedIsNotFound(String measure) {
        Api.as(Tokens.STATISTICIAN).queryParam("granularity", "YEAR").get("/api/stats/tables/" + measure)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @org.junit.jupiter.api.Test
    void anAnswerTooLargeIsRefusedWithHowToNarrowIt() {
        int year = org.anaiss.stats.support.Snapshots.uniqueYear();
        long version = System.currentTimeMillis();
        var cube = new org.anaiss.stats.support.Cube(5).add(20, "BRETAGNE", "40_54", "MALE", "OTHER", "SELF");
        for (int m = 1; m <= 6; m++) {
            String period = String.format("%d-%02d", year, m);
            org.anaiss.stats.support.Snapshots.send(org.anaiss.stats.support.Snapshots.key("persons_accompanied", "MONTH", period),
                    org.anaiss.stats.support.Snapshots.snapshot("persons_accompanied", "MONTH", period, version, cube.cells()));
        }
        Api.awaitVersion("persons_accompanied", "MONTH", year + "-06", version);
        Map<String, String> all = Map.of("granularity", "MONTH", "groupBy", "region,ageBand,sex,theme,origin",
                "from", year + "-01", "to", year + "-06");
        // 6 months x 16 x 5 x 3 x 7 x 5 combinations = 50,400 cells, above the default 50,000
        Api.as(Tokens.STATISTICIAN).queryParams(all).get("/api/stats/tables/persons_accompanied")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://anaiss.example/problems/answer-too-large"))
                .body("detail", containsString("50400"));
        Api.as(Tokens.STATISTICIAN).queryParams(Map.of("granularity", "MONTH", "groupBy", "region,ageBand,sex,theme,origin",
                "from", year + "-01", "to", year + "-05")).get("/api/stats/tables/persons_accompanied")
                .then().statusCode(200).body("rows.size()", equalTo(42_000));
    }
}
