package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.Map;

import org.openqa.selenium.By;

import io.restassured.http.ContentType;

/** The staff web application as the browser tests use it: where it is, signing in, data made through the API. */
final class StaffApp {

    private StaffApp() {
    }

    static String url(String path) {
        return Suite.get().gatewayUrl() + path;
    }

    /** Opens the application and signs in on Keycloak's page if asked to; ends on one of the application's pages. */
    static void signIn(Browser browser, String username) {
        KeycloakAdmin.allowWebRedirect(Suite.get().gatewayUrl());
        browser.open(url("/app/cases"));
        if (browser.onKeycloakLogin()) {
            browser.signInOnKeycloak(username, Tokens.PASSWORD);
        }
        browser.waitFor(b -> b.driver().getCurrentUrl().startsWith(url("/app/")), "back in the application after signing in");
    }

    static void signOut(Browser browser) {
        browser.find(By.cssSelector("form[action='/app/logout'] button")).click();
        browser.waitFor(b -> b.driver().getCurrentUrl().startsWith(url("/app/signed-out")), "the signed-out page");
    }

    /** A person registered through the API by a user of the region; answers its id. */
    static String person(String username, String lastName, LocalDate birthDate) {
        return given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user(username)).contentType(ContentType.JSON)
                .body(Map.of("lastName", lastName, "firstName", "Camille", "birthDate", birthDate.toString(), "sex", "FEMALE"))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
    }

    /** A case opened through the API; {@code assignee} null leaves it in the team's queue. */
    static String openCase(String username, String personId, String assignee) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("personId", personId, "theme", "ACCESS_TO_CARE", "origin", "SELF"));
        if (assignee != null) {
            body.put("assignedTo", assignee);
        }
        return given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user(username)).contentType(ContentType.JSON)
                .body(body).post("/api/cases").then().statusCode(201).extract().path("id");
    }
}
