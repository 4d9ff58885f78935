package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input gets a clear problem+json 4xx and changes nothing. */
@QuarkusTest
class BadInputTest {

    /** Every person a test tries to register carries this test's own last name. */
    private String name;

    @BeforeEach
    void uniqueName() {
        name = Fixtures.uniqueName();
    }

    private Map<String, Object> person() {
        Map<String, Object> person = Fixtures.person();
        person.put("lastName", name);
        return person;
    }

    private void noPersonStored() throws SQLException {
        assertThat(Db.count("select count(*) from person where last_name_norm like ?", name.toUpperCase() + "%")).isZero();
    }

    private static void noDocumentStored(String caseId) throws SQLException {
        assertThat(Db.count("select count(*) from document where case_id = ?", UUID.fromString(caseId))).isZero();
    }

    @Test
    void invalidJsonIsRefused() throws SQLException {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body("{\"lastName\": \"" + name + "\", \"firstName\": \"Marie\", \"birthDate\": \"1970-01-01\", \"sex\": \"FEMALE\",")
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Invalid JSON"));
        noPersonStored();
    }

    @Test
    void unknownEnumValueIsRefusedWithoutEchoingIt() throws SQLException {
        Map<String, Object> person = person();
        person.put("sex", "SECRET-VALUE-42");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("sex"))
                .body(not(containsString("SECRET-VALUE-42")));
        noPersonStored();
    }

    @Test
    void unknownPropertyIsRefused() throws SQLException {
        Map<String, Object> person = person();
        person.put("objectivesReached", true);
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json");
        noPersonStored();
    }

    @Test
    void tenThousandCharacterNameIsRefusedWithoutEchoingIt() throws SQLException {
        Map<String, Object> person = person();
        person.put("lastName", name + "X".repeat(10_000));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("lastName"))
                .body(not(containsString("XXXXXXXXXX")));
        noPersonStored();
    }

    @Test
    void missingFieldsAreNamed() throws SQLException {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("firstName", name))
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItems("lastName", "birthDate", "sex"));
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("theme", "OTHER"))
                .post("/api/cases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItems("personId", "origin"));
        assertThat(Db.count("select count(*) from person where first_name = ?", name)).isZero();
    }

    @Test
    void invalidNirIsRefusedWithoutEchoingIt() throws SQLException {
        Map<String, Object> person = person();
        person.put("nir", "271047505603899");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("nir"))
                .body(not(containsString("271047505603899")));
        noPersonStored();
    }

    @Test
    void emptyBodyIsRefused() throws SQLException {
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .post("/api/cases/persons")
                .then().statusCode(400).contentType("application/problem+json");
        noPersonStored();
    }

    @Test
    void oversizedUploadIsRefused() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(), 0, big, 0, 5);
        given().auth().oauth2(Tokens.user("alice")).contentType("application/pdf").body(big)
                .post("/api/cases/" + caseId + "/documents")
                .then().statusCode(413).contentType("application/problem+json");
        noDocumentStored(caseId);
    }

    @Test
    void wrongContentTypeIsRefused() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).contentType("text/html").body("<script>alert(1)</script>")
                .post("/api/cases/" + caseId + "/documents")
                .then().statusCode(415).contentType("application/problem+json");
        // a declared PDF that is not one
        given().auth().oauth2(Tokens.user("alice")).contentType("application/pdf").body("<html>not a pdf</html>".getBytes())
                .post("/api/cases/" + caseId + "/documents")
                .then().statusCode(415).contentType("application/problem+json");
        noDocumentStored(caseId);
    }

    @Test
    void badQueryParametersAreRefusedWith400() {
        for (String query : new String[] { "status=DONE", "size=0", "size=1000", "page=-1", "sort=name,desc",
                "updatedSince=yesterday", "mine=maybe" }) {
            String[] kv = query.split("=", 2);
            given().auth().oauth2(Tokens.user("alice")).queryParam(kv[0], kv[1])
                    .get("/api/cases")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void invalidStatusChangesAnswer409AndChangeNothing() throws SQLException {
        String caseId = Fixtures.createCase("alice");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("status", "OPEN"))
                .post("/api/cases/" + caseId + "/status")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("status", "CLOSED", "closureReason", "MOVED"))
                .post("/api/cases/" + caseId + "/status").then().statusCode(200);
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("status", "ON_HOLD"))
                .post("/api/cases/" + caseId + "/status")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(Db.count("select count(*) from support_case where id = ? and status = 'CLOSED'", UUID.fromString(caseId)))
                .isEqualTo(1);
        // a closure reason must say why it ended, from the list: nothing grades the accompaniment
        Map<String, Object> graded = new HashMap<>();
        graded.put("status", "OPEN");
        graded.put("outcome", "OBJECTIVES_REACHED");
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(graded)
                .post("/api/cases/" + caseId + "/status")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownPathAndMethodAnswerProblemJson() {
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("alice")).patch("/api/cases")
                .then().statusCode(405).contentType("application/problem+json");
    }
}
