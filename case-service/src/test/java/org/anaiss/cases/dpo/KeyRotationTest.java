package org.anaiss.cases.dpo;

import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.crypto.CryptoConfig;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.IsolatedDatabase;
import org.anaiss.cases.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Key rotation on a database of its own: rows written under the old key and rows under the new one
 * are both readable; the re-encryption job moves old rows to the new key, and stops and resumes.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.NewKeyActive.class)
class KeyRotationTest {

    static final String OLD = "dev1:9o0Ff2cOqZ6o3U3tq0v9qk1yGm1J3O6rXv7n5l3hY2E=";
    static final String NEW = "rot2:" + Base64.getEncoder().encodeToString("rotation-test-key-0123456789abcd".getBytes(StandardCharsets.US_ASCII));

    public static class NewKeyActive implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(IsolatedDatabase.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("anaiss.crypto.keys", OLD + "," + NEW, "anaiss.crypto.active-key", "rot2");
        }
    }

    @ConfigProperty(name = "anaiss.test.database")
    String database;

    /** The cipher as it was before the rotation: only the old key. */
    static FieldCipher before() {
        return new FieldCipher(new CryptoConfig() {
            public List<String> keys() {
                return List.of(OLD);
            }

            public String activeKey() {
                return "dev1";
            }

            public String nirHashKey() {
                return "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx";
            }
        });
    }

    @Test
    void oldAndNewRowsAreReadableAndReencryptionResumesUntilNoOldKeyIsLeft() throws Exception {
        // three notes written before the rotation, under the old key
        String caseId = Fixtures.createCase("alice");
        FieldCipher before = before();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            FieldCipher.Sealed sealed = before.seal("old note " + i, "contact.notes:" + id);
            try (Connection c = IsolatedDatabase.superuser(database); PreparedStatement ps = c.prepareStatement(
                    "insert into contact (id, case_id, occurred_at, mode, author, notes_ct, notes_key, created_at) "
                            + "values (?, ?, now() - interval '1 day', 'PHONE', 'alice', ?, ?, now())")) {
                ps.setObject(1, id);
                ps.setObject(2, UUID.fromString(caseId));
                ps.setBytes(3, sealed.ciphertext());
                ps.setString(4, sealed.keyId());
                ps.executeUpdate();
            }
        }
        // one written after, under the new key
        given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-03-01T10:00:00Z", "mode", "OFFICE", "notes", "new note"))
                .post("/api/cases/" + caseId + "/contacts").then().statusCode(201);

        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/contacts").then().statusCode(200)
                .body("notes", org.hamcrest.Matchers.hasItems("old note 0", "old note 1", "old note 2", "new note"));
        assertThat(keysOfNotes(caseId)).containsExactlyInAnyOrder("dev1", "dev1", "dev1", "rot2");

        long toDo = given().auth().oauth2(Tokens.user("karim")).get("/api/cases/admin/keys").then().statusCode(200)
                .body("activeKey", equalTo("rot2")).extract().<Number>path("toReencrypt").longValue();
        assertThat(toDo).isGreaterThanOrEqualTo(3);
        // interrupted after two values...
        given().auth().oauth2(Tokens.user("karim")).queryParam("budget", 2).post("/api/cases/admin/keys/reencryption")
                .then().statusCode(200).body("toReencrypt", equalTo((int) toDo - 2));
        // ...and resumed to the end
        given().auth().oauth2(Tokens.user("karim")).post("/api/cases/admin/keys/reencryption")
                .then().statusCode(200).body("toReencrypt", equalTo(0));
        assertThat(keysOfNotes(caseId)).containsOnly("rot2");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/contacts").then().statusCode(200)
                .body("notes", org.hamcrest.Matchers.hasItems("old note 0", "old note 1", "old note 2", "new note"));
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/admin/keys").then().statusCode(403);
    }

    private List<String> keysOfNotes(String caseId) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        try (Connection c = IsolatedDatabase.superuser(database);
                PreparedStatement ps = c.prepareStatement("select notes_key from contact where case_id = ?")) {
            ps.setObject(1, UUID.fromString(caseId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }
}
