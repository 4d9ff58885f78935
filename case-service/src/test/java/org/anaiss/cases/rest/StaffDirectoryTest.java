package org.anaiss.cases.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.cases.service.StaffDirectory;
import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

/**
 * The staff directory comes from Keycloak, not from use: a social worker created in Keycloak who never
 * signed in can be assigned a case; one removed from Keycloak leaves the directory; and nothing
 * records when anyone used the suite.
 */
@QuarkusTest
class StaffDirectoryTest {

    @Inject
    StaffDirectory directory;

    /** Keycloak's admin API as the bootstrap administrator: what an identity administrator does. */
    private static String admin() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"))
                .formParam("password", System.getenv().getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-local-only"))
                .post(Tokens.keycloakUrl() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static String createWorker(String username) {
        String admin = admin();
        String users = Tokens.keycloakUrl() + "/admin/realms/anaiss/users";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "enabled", true, "firstName", "Romane", "lastName", "Nouvelle",
                        "email", username + "@example.org", "emailVerified", true,
                        "attributes", Map.of("region", List.of("RHONE_ALPES"), "team", List.of("RA-LYON"))))
                .post(users).then().statusCode(201);
        String id = given().auth().oauth2(admin).queryParam("username", username).queryParam("exact", true).get(users)
                .then().statusCode(200).extract().path("[0].id");
        Map<String, Object> role = given().auth().oauth2(admin).get(Tokens.keycloakUrl() + "/admin/realms/anaiss/roles/social-worker")
                .then().statusCode(200).extract().as(Map.class);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(List.of(role))
                .post(users + "/" + id + "/role-mappings/realm").then().statusCode(204);
        return id;
    }

    private static void deleteUser(String id) {
        given().auth().oauth2(admin()).delete(Tokens.keycloakUrl() + "/admin/realms/anaiss/users/" + id).then().statusCode(204);
    }

    @Test
    void aWorkerCreatedInKeycloakWhoNeverSignedInCanBeAssignedAndLeavesWhenRemoved() throws Throwable {
        String username = "romane-" + UUID.randomUUID().toString().substring(0, 8);
        String caseId = Fixtures.createCase("chloe");
        String id = createWorker(username);
        try {
            int members = VertxContextSupport.subscribeAndAwait(() -> directory.refresh());
            assertThat(members).isGreaterThan(1);
            given().auth().oauth2(Tokens.user("chloe")).get("/api/cases/team/members").then().statusCode(200)
                    .body("username", hasItem(username)).body("find { it.username == '" + username + "' }.displayName",
                            equalTo("Romane Nouvelle"));
            given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON).body(Map.of("assignee", username))
                    .put("/api/cases/" + caseId + "/assignment").then().statusCode(200).body("assignedTo", equalTo(username));
        } finally {
            deleteUser(id);
        }
        VertxContextSupport.subscribeAndAwait(() -> directory.refresh());
        given().auth().oauth2(Tokens.user("chloe")).get("/api/cases/team/members").then().statusCode(200)
                .body("username", not(hasItem(username)));
        given().auth().oauth2(Tokens.user("chloe")).contentType(ContentType.JSON).body(Map.of("assignee", username))
                .put("/api/cases/" + caseId + "/assignment").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theDirectoryRecordsNoTimeOfUse() throws SQLException {
        // a social worker's work writes nothing about them in the directory: it is Keycloak's, read as it is
        Fixtures.createCase("alice");
        assertThat(Db.count("select count(*) from staff_member where username = 'alice' and region = 'RHONE_ALPES' "
                + "and team = 'RA-LYON'")).isEqualTo(1);
        // no column of the directory holds a time: not when a member was seen, not when they signed in
        assertThat(Db.count("select count(*) from information_schema.columns where table_schema = 'public' "
                + "and table_name = 'staff_member' and (data_type like 'time%' or data_type = 'date')")).isZero();
        assertThat(Db.count("select count(*) from information_schema.columns where table_schema = 'public' "
                + "and (column_name like '%seen%' or column_name like '%login%' or column_name like '%last_used%' "
                + "or column_name like '%last_access%')")).isZero();
    }
}
