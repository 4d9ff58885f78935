package org.anaiss.outreach.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.anaiss.outreach.rest.PersonKeys;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.IsolatedDatabase;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.anaiss.platform.crypto.CryptoConfig;
import org.anaiss.platform.crypto.FieldCipher;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Key rotation (issue 17, item 4), as case-service's KeyRotationTest: rows written under the old key stay
 * readable once a new key is active; the re-encryption moves every encrypted column of the service to the
 * new key (the sealed outbox included), stops after its budget and resumes; afterwards the new key alone
 * opens them. In a database of its own: re-keying the shared one left rows that the system tests' services,
 * who know only the active key, could not open.
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

    static FieldCipher only(String key) {
        return new FieldCipher(new CryptoConfig() {
            public List<String> keys() {
                return List.of(key);
            }

            public String activeKey() {
                return key.substring(0, key.indexOf(':'));
            }

            public String nirHashKey() {
                return "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx";
            }
        });
    }

    @Test
    void everyEncryptedColumnMovesToTheNewKeyResumablyAndStaysReadable() throws Exception {
        FieldCipher before = only(OLD);
        // written before the rotation, under the old key: a signalled person, an event waiting in the outbox, a mail
        String nir = Nirs.random();
        UUID signal = UUID.randomUUID();
        String person = "{\"nir\":\"" + nir + "\",\"lastName\":\"Rotation\",\"firstName\":\"Camille\",\"birthDate\":\"1980-01-01\","
                + "\"sex\":\"FEMALE\",\"city\":\"Lyon\"}";
        UUID event = UUID.randomUUID();
        UUID mail = UUID.randomUUID();
        try (Connection c = Db.connect(database)) {
            insert(c, "insert into signal (id, partner, person_key, person_ct, person_key_id, has_email, has_address, region, signal_type, "
                    + "signal_date, source_system, received_at) values (?, 'partner-cpam-rhone', ?, ?, 'dev1', false, false, 'RHONE_ALPES', "
                    + "'OTHER', current_date, 'key-rotation-test', now())", signal, PersonKeys.of(nir),
                    before.seal(person, "signal:person:" + signal).ciphertext());
            // sent already: the relay leaves it alone, the purge only after a day
            insert(c, "insert into outbox_event (id, topic, record_key, type, payload_ct, payload_key, created_at, sent_at) "
                    + "values (?, 'offer-accepted', ?, 'offer-accepted', ?, 'dev1', now(), now())", event, event.toString(),
                    before.seal("{\"nir\":\"" + nir + "\"}", "outbox_event:payload:" + event).ciphertext());
            insert(c, "insert into mail_message (id, dedupe_key, recipient_ct, subject_ct, body_ct, ct_key, status, not_before, created_at) "
                    + "values (?, ?, ?, ?, null, 'dev1', 'CANCELLED', now(), now())", mail, "rotation:" + mail,
                    before.seal("camille@example.org", "mail:to:" + mail).ciphertext(),
                    before.seal("Objet", "mail:subject:" + mail).ciphertext());
        }
        // readable with the old key still configured
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/dpo/exports").then().statusCode(200).body("signals[0].person.lastName", equalTo("Rotation"));

        String karim = Tokens.user("karim");
        long toDo = given().auth().oauth2(karim).get("/api/outreach/admin/keys").then().statusCode(200)
                .body("activeKey", equalTo("rot2")).extract().<Number>path("toReencrypt").longValue();
        assertThat(toDo).isGreaterThanOrEqualTo(3);
        // interrupted after one row...
        given().auth().oauth2(karim).queryParam("budget", 1).post("/api/outreach/admin/keys/reencryption")
                .then().statusCode(200).body("toReencrypt", equalTo((int) toDo - 1));
        // ...and resumed to the end
        long left = toDo - 1;
        for (int i = 0; i < 100 && left > 0; i++) {
            left = given().auth().oauth2(karim).post("/api/outreach/admin/keys/reencryption").then().statusCode(200)
                    .extract().<Number>path("toReencrypt").longValue();
        }
        assertThat(left).isZero();
        given().auth().oauth2(karim).get("/api/outreach/admin/keys").then().statusCode(200)
                .body("valuesByColumnAndKey.'outbox_event.payload_ct'.dev1", equalTo(null))
                .body("valuesByColumnAndKey.'mail_message.recipient_ct+subject_ct+body_ct'.dev1", equalTo(null));

        // the new key alone opens them; the old one no longer does
        FieldCipher after = only(NEW);
        assertThat(string("select person_key_id from signal where id = ?", signal)).isEqualTo("rot2");
        assertThat(string("select payload_key from outbox_event where id = ?", event)).isEqualTo("rot2");
        assertThat(string("select ct_key from mail_message where id = ?", mail)).isEqualTo("rot2");
        assertThat(after.openString("rot2", bytes("select person_ct from signal where id = ?", signal), "signal:person:" + signal))
                .isEqualTo(person);
        assertThat(after.openString("rot2", bytes("select payload_ct from outbox_event where id = ?", event),
                "outbox_event:payload:" + event)).contains(nir);
        assertThat(after.openString("rot2", bytes("select recipient_ct from mail_message where id = ?", mail), "mail:to:" + mail))
                .isEqualTo("camille@example.org");
        assertThat(after.openString("rot2", bytes("select subject_ct from mail_message where id = ?", mail), "mail:subject:" + mail))
                .isEqualTo("Objet");
        assertThat(bytes("select body_ct from mail_message where id = ?", mail)).as("a null stays null").isNull();
        assertThatThrownBy(() -> before.open("dev1", bytes("select person_ct from signal where id = ?", signal), "signal:person:" + signal))
                .isInstanceOf(IllegalStateException.class);
        given().auth().oauth2(Tokens.user("jules")).contentType(ContentType.JSON).body(Map.of("nir", nir))
                .post("/api/outreach/dpo/exports").then().statusCode(200).body("signals[0].person.lastName", equalTo("Rotation"));
        given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/admin/keys").then().statusCode(403);
        given().get("/api/outreach/admin/keys").then().statusCode(401);
    }

    private static void insert(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String string(String sql, UUID id) throws Exception {
        try (Connection c = Db.connect(database); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private byte[] bytes(String sql, UUID id) throws Exception {
        try (Connection c = Db.connect(database); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
