package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.anaiss.cases.service.StaffDirectory;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The day-to-day work on case files: duplicates, search, lifecycle, assignment, lists, plan, documents. */
@QuarkusTest
class CaseWorkTest {

    @Inject
    StaffDirectory directory;

    @Test
    void duplicatePersonAnswers409WithTheExistingId() {
        Map<String, Object> person = Fixtures.person();
        String id = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        // same NIR
        Map<String, Object> sameNir = Fixtures.person();
        sameNir.put("nir", person.get("nir"));
        given().auth().oauth2(Tokens.user("bruno")).contentType(ContentType.JSON).body(sameNir)
                .post("/api/cases/persons").then().statusCode(409).contentType("application/problem+json")
                .body("existingId", equalTo(id));
        // same names and birth date, written differently, no NIR
        Map<String, Object> sameIdentity = Fixtures.person();
        sameIdentity.remove("nir");
        sameIdentity.put("lastName", ((String) person.get("lastName")).toUpperCase());
        sameIdentity.put("firstName", "marie");
        sameIdentity.put("birthDate", person.get("birthDate"));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(sameIdentity)
                .post("/api/cases/persons").then().statusCode(409).body("existingId", equalTo(id));
        // another region knows nothing of her: not a duplicate there
        given().auth().oauth2(Tokens.user("emma")).contentType(ContentType.JSON).body(sameNir)
                .post("/api/cases/persons").then().statusCode(201);
    }

    @Test
    void personsAreFoundByNirInTheBodyOrByNameAndBirthDate() {
        Map<String, Object> person = Fixtures.person();
        String id = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("bruno")).contentType(ContentType.JSON).body(Map.of("nir", person.get("nir")))
                .post("/api/cases/persons/search").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.user("bruno")).contentType(ContentType.JSON)
                .body(Map.of("lastName", ((String) person.get("lastName")).substring(0, 8), "birthDate", person.get("birthDate")))
                .post("/api/cases/persons/search").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.user("emma")).contentType(ContentType.JSON).body(Map.of("nir", person.get("nir")))
                .post("/api/cases/persons/search").then().statusCode(200).body("id", not(hasItem(id)));
        // a NIR and a name at once is ambiguous
        given().auth().oauth2(Tokens.user("bruno")).contentType(ContentType.JSON)
                .body(Map.of("nir", person.get("nir"), "lastName", "X", "birthDate", "1970-01-01"))
                .post("/api/cases/persons/search").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void caseLifecycleHoldsReopensAndClosesWithAReason() {
        String caseId = Fixtures.createCase("alice");
        status(caseId, Map.of("status", "ON_HOLD")).then().statusCode(200).body("status", equalTo("ON_HOLD"));
        status(caseId, Map.of("status", "OPEN")).then().statusCode(200).body("status", equalTo("OPEN"));
        status(caseId, Map.of("status", "CLOSED")).then().statusCode(400);
        status(caseId, Map.of("status", "CLOSED", "closureReason", "PERSON_WITHDREW")).then().statusCode(200)
                .body("closureReason", equalTo("PERSON_WITHDREW")).body("closedAt", notNullValue());
        status(caseId, Map.of("status", "OPEN")).then().statusCode(200)
                .body("closureReason", nullValue()).body("closedAt", nullValue());

        // the case file's status history: every step with its day, oldest first, no time and no author
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
        Response history = given().auth().oauth2(Tokens.user("bruno")).get("/api/cases/" + caseId + "/status-history");
        history.then().statusCode(200)
                .body("status", equalTo(List.of("OPEN", "ON_HOLD", "OPEN", "CLOSED", "OPEN")))
                .body("closureReason", equalTo(java.util.Arrays.asList(null, null, null, "PERSON_WITHDREW", null)))
                .body("on", everyItem(equalTo(today)));
        assertThat(history.jsonPath().getList("$", Map.class)).allSatisfy(step -> assertThat(step).containsOnlyKeys("status",
                "closureReason", "on"));
        // another team does not learn the case exists
        given().auth().oauth2(Tokens.user("david")).get("/api/cases/" + caseId + "/status-history").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/cases/" + caseId + "/status-history").then().statusCode(401);
    }

    @Test
    void thePersonsCasesAreListedWithinTheTeamsScope() {
        String personId = Fixtures.createPerson("alice");
        List<String> hers = new java.util.ArrayList<>();
        for (String theme : List.of("JOB_RETENTION", "AUTONOMY")) {
            hers.add(given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                    .body(Map.of("personId", personId, "theme", theme, "origin", "SELF"))
                    .post("/api/cases").then().statusCode(201).extract().path("id"));
        }
        Fixtures.createCase("alice"); // someone else's
        List<String> listed = given().auth().oauth2(Tokens.user("bruno")).queryParam("personId", personId).queryParam("size", 100)
                .get("/api/cases").then().statusCode(200).extract().path("items.id");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(hers);
        // another team of the region sees none of them
        given().auth().oauth2(Tokens.user("david")).queryParam("personId", personId).get("/api/cases").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(Tokens.user("alice")).queryParam("personId", "not-a-uuid").get("/api/cases").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("personId"));
    }

    private static Response status(String caseId, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(body)
                .post("/api/cases/" + caseId + "/status");
    }

    @Test
    void teamLeadAssignsWithinTheTeamAndCasesWaitInTheQueue() throws Throwable {
        // the directory is read from Keycloak: not left to the scheduled refresh, which may not have run yet
        VertxContextSupport.subscribeAndAwait(() -> directory.refresh());
        String personId = Fixtures.createPerson("chloe");
        String caseId = given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "ACCESS_TO_RIGHTS", "origin", "PARTNER_SIGNAL"))
                .post("/api/cases").then().statusCode(201).body("assignedTo", nullValue()).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).queryParam("unassigned", "true").queryParam("size", "100")
                .get("/api/cases").then().statusCode(200).body("items.id", hasItem(caseId));

        given().auth().oauth2(Tokens.user("chloe")).get("/api/cases/team/members").then().statusCode(200)
                .body("username", hasItem("bruno"));
        given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON).body(Map.of("assignee", "bruno"))
                .put("/api/cases/" + caseId + "/assignment").then().statusCode(200).body("assignedTo", equalTo("bruno"));
        given().auth().oauth2(Tokens.user("bruno")).queryParam("mine", "true").queryParam("size", "100")
                .get("/api/cases").then().statusCode(200).body("items.id", hasItem(caseId))
                .body("items.assignedTo", everyItem(equalTo("bruno")));
        // not a member of the team
        given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON).body(Map.of("assignee", "emma"))
                .put("/api/cases/" + caseId + "/assignment").then().statusCode(400).contentType("application/problem+json");
        // a worker cannot give a case to someone else
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "OTHER", "origin", "SELF", "assignedTo", "bruno"))
                .post("/api/cases").then().statusCode(403);
        given().auth().oauth2(Tokens.user("chloe")).delete("/api/cases/" + caseId + "/assignment")
                .then().statusCode(200).body("assignedTo", nullValue());
    }

    @Test
    void listsPageWithoutTotalsAndFilter() {
        for (int i = 0; i < 3; i++) {
            Fixtures.createCase("alice");
        }
        Response first = given().auth().oauth2(Tokens.user("alice")).queryParam("size", 2).queryParam("sort", "openedAt,desc")
                .get("/api/cases");
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("hasNext", equalTo(true))
                .body("$", not(org.hamcrest.Matchers.hasKey("total")));
        given().auth().oauth2(Tokens.user("alice")).queryParam("status", "OPEN").queryParam("theme", "JOB_RETENTION")
                .queryParam("updatedSince", "2020-01-01T00:00:00Z").get("/api/cases").then().statusCode(200)
                .body("items.status", everyItem(equalTo("OPEN"))).body("items.theme", everyItem(equalTo("JOB_RETENTION")))
                .body("items.team", everyItem(equalTo("RA-LYON")));
        // david's team sees none of alice's team's cases
        List<String> davids = given().auth().oauth2(Tokens.user("david")).queryParam("size", 100).get("/api/cases")
                .then().statusCode(200).extract().path("items.team");
        assertThat(davids).allMatch("RA-GRENOBLE"::equals);
    }

    @Test
    void supportPlanStepsAreATodoListWithOptimisticLocking() {
        String caseId = Fixtures.createCase("alice");
        String stepId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("text", "Request the RQTH", "dueDate", "2027-01-15"))
                .post("/api/cases/" + caseId + "/plan-steps").then().statusCode(201)
                .body("status", equalTo("PLANNED")).body("version", equalTo(0)).extract().path("id");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("text", "Request the RQTH", "status", "DONE", "version", 0))
                .put("/api/cases/" + caseId + "/plan-steps/" + stepId).then().statusCode(200).body("status", equalTo("DONE"));
        given().auth().oauth2(Tokens.user("bruno")).contentType(ContentType.JSON)
                .body(Map.of("text", "Stale edit", "status", "CANCELLED", "version", 0))
                .put("/api/cases/" + caseId + "/plan-steps/" + stepId).then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/plan-steps").then().statusCode(200)
                .body("text", hasItem("Request the RQTH"));
    }

    @Test
    void documentsRoundTripWithTheirTypeAndAHarmlessName() {
        String caseId = Fixtures.createCase("alice");
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4 };
        String docId = given().auth().oauth2(Tokens.user("alice")).contentType("image/png")
                .header("Content-Disposition", "attachment; filename=\"../../etc/scan.png\"").body(png)
                .post("/api/cases/" + caseId + "/documents").then().statusCode(201)
                .body("fileName", equalTo("scan.png")).body("sizeBytes", equalTo(png.length)).extract().path("id");
        byte[] back = given().auth().oauth2(Tokens.user("bruno")).get("/api/cases/" + caseId + "/documents/" + docId)
                .then().statusCode(200).contentType("image/png")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("scan.png"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(back).isEqualTo(png);
        given().auth().oauth2(Tokens.user("david")).get("/api/cases/" + caseId + "/documents/" + docId).then().statusCode(404);
    }

    @Test
    void contactsUpdateTheLastContactOfTheCase() {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-03-01T10:00:00Z", "mode", "HOME_VISIT", "notes", "Visit at home."))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201).body("author", equalTo("alice"));
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId).then().statusCode(200)
                .body("lastContactAt", equalTo("2026-03-01T10:00:00Z"));
        // a contact cannot be in the future
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2099-01-01T10:00:00Z", "mode", "PHONE"))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(400);
    }
}
