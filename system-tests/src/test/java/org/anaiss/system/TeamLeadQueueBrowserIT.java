package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The team lead's queue in a real browser: a case waiting in the queue is assigned to a worker of the
 * team; a worker of another team who reaches its address is told the case does not exist. The queue
 * lists cases, never anyone's load: no count, ranking or duration per worker on the page.
 */
class TeamLeadQueueBrowserIT {

    @Test
    void teamLeadAssignsAQueuedCaseAndAWorkerOfAnotherTeamCannotReachIt() {
        String lastName = Fixtures.uniqueLastName();
        String personId = StaffApp.person("alice", lastName, Fixtures.birthDate());
        String caseId = StaffApp.openCase("alice", personId, null);
        // case-service reads its directory from Keycloak a few seconds after it starts: wait for bruno to be in it
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user("chloe"))
                        .get("/api/cases/team/members").then().statusCode(200).extract().jsonPath()
                        .getList("username").contains("bruno"));

        try (Browser browser = Browser.start()) {
            StaffApp.signIn(browser, "chloe");
            browser.find(By.linkText("File d’attente")).click();
            browser.waitFor(b -> b.text().contains(lastName), "the queued case in the queue");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("File d’attente de l’équipe");
            assertThat(browser.text()).doesNotContainPattern("(?i)charge|nombre de dossiers|classement|durée moyenne");
            browser.checkScreen("queue");

            new Select(browser.find(By.id("assignee-" + caseId))).selectByValue("bruno");
            browser.find(By.xpath("//form[.//select[@id='assignee-" + caseId + "']]//button")).click();
            browser.waitFor(b -> b.text().contains("Le dossier a été attribué."), "the assignment confirmed");
            assertThat(browser.text()).doesNotContain(lastName);

            browser.open(StaffApp.url("/app/cases/" + caseId));
            assertThat(browser.text()).contains("bruno");
            browser.checkScreen("case-team-lead");
        }
        given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user("chloe")).get("/api/cases/" + caseId)
                .then().statusCode(200).body("assignedTo", org.hamcrest.Matchers.equalTo("bruno"));

        try (Browser other = Browser.start()) {
            StaffApp.signIn(other, "david");
            other.open(StaffApp.url("/app/cases/" + caseId));
            assertThat(other.find(By.tagName("h1")).getText()).isEqualTo("Page introuvable");
            assertThat(other.text()).contains("Ce dossier n’existe pas, ou il n’est pas accessible à votre équipe.")
                    .doesNotContain(lastName);
            other.checkScreen("case-not-found");
            // and no queue for a social worker
            other.open(StaffApp.url("/app/queue"));
            assertThat(other.text()).contains("La file d’attente est réservée aux responsables d’équipe.");
        }
    }
}
