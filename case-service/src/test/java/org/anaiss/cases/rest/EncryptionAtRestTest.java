package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The raw database rows hold no plaintext NIR, note, plan text or document: only ciphertexts and key ids. */
@QuarkusTest
class EncryptionAtRestTest {

    @Test
    void rawRowsContainNoPlaintextNirNotePlanOrDocument() throws Exception {
        Map<String, Object> person = Fixtures.person();
        String nir = (String) person.get("nir");
        String personId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String caseId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "ACCESS_TO_CARE", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
        String note = "Confidential: housing debt of 4213 euros";
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-02-01T09:00:00Z", "mode", "OFFICE", "notes", note))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);
        String plan = "Apply for the housing solidarity fund";
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(Map.of("text", plan))
                .post("/api/cases/" + caseId + "/plan-steps").then().statusCode(201);
        String docText = "%PDF-1.4 medical certificate of Marie";
        given().auth().oauth2(Tokens.user("alice")).contentType("application/pdf").body(docText.getBytes(StandardCharsets.UTF_8))
                .post("/api/cases/" + caseId + "/documents").then().statusCode(201);

        String everything = rows("select * from person where id = ?", personId) + rows("select * from contact where case_id = ?", caseId)
                + rows("select * from plan_step where case_id = ?", caseId) + rows("select * from document where case_id = ?", caseId);
        assertThat(everything).doesNotContain(nir).doesNotContain(nir.substring(0, 13)).doesNotContain("housing debt")
                .doesNotContain("solidarity fund").doesNotContain("medical certificate").contains("dev1");

        // and the API still reads them back
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/persons/" + personId).then().statusCode(200)
                .body("nir", org.hamcrest.Matchers.equalTo(nir));
    }

    /** Every column of the matching rows, bytes decoded as text too, so a plaintext anywhere would show. */
    private static String rows(String sql, String id) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = Db.superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        sb.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('|');
                    }
                }
            }
        }
        return sb.toString();
    }
}
