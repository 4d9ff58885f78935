package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.restassured.path.json.JsonPath;

/**
 * A social worker's day in the staff application, in a real browser signed in on Keycloak's own page:
 * register a person (and be warned of a duplicate), find them by NIR, open a case, record a contact,
 * plan a step and mark it done, upload a document (a wrong type refused in words) and download it,
 * close the case; every step is in the audit trail. Every screen passes axe-core and is pictured at
 * 320 and 1280 pixels. The same case flow again with the keyboard alone.
 */
class StaffCaseFlowBrowserIT {

    private static Browser browser;

    @BeforeAll
    static void signIn() {
        Suite.get();
        browser = Browser.start();
        StaffApp.signIn(browser, "alice");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void socialWorkerRegistersAPersonOpensACaseAndWorksItUntilClosedEveryStepAudited() throws IOException {
        browser.open(StaffApp.url("/app/cases"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Mes dossiers");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.checkScreen("cases-mine");
        browser.open(StaffApp.url("/app/cases?scope=team"));
        browser.checkScreen("cases-team");

        // register a person
        String lastName = Fixtures.uniqueLastName();
        LocalDate born = LocalDate.of(1971, 4, 12);
        String nir = Fixtures.nir(1971, 4);
        browser.find(By.linkText("Enregistrer une personne")).click();
        browser.checkScreen("person-new");
        fillPerson(lastName, "Marie", born, nir);
        browser.find(By.cssSelector("form[action='/app/persons'] button[type=submit]")).click();
        browser.waitFor(b -> b.text().contains("La personne a été enregistrée."), "the person's page");
        String personUrl = browser.driver().getCurrentUrl();
        String personId = personUrl.replaceAll(".*/app/persons/([0-9a-f-]{36}).*", "$1");
        assertThat(browser.text()).contains(lastName + " Marie");
        browser.checkScreen("person");

        // the same person again: a warning, and a link to the one already known
        browser.find(By.linkText("Enregistrer une personne")).click();
        fillPerson(lastName, "Marie", born, null);
        browser.find(By.cssSelector("form[action='/app/persons'] button[type=submit]")).click();
        browser.waitFor(b -> b.text().contains("Cette personne est déjà enregistrée dans votre région."), "the duplicate warning");
        browser.checkScreen("person-new-duplicate");
        browser.find(By.linkText("Voir la personne déjà enregistrée")).click();
        browser.waitFor(b -> b.driver().getCurrentUrl().contains("/app/persons/" + personId), "the person already known");

        // find them by NIR: typed in a form, sent in a POST body, never in an address
        browser.find(By.linkText("Rechercher une personne")).click();
        browser.checkScreen("search");
        browser.find(By.id("s-nir")).sendKeys(nir);
        browser.find(By.xpath("//form[.//input[@id='s-nir']]//button")).click();
        browser.waitFor(b -> b.text().contains("Résultats"), "the search results");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/app/persons/search").doesNotContain(nir);
        assertThat(browser.find(By.id("s-nir")).getAttribute("value")).as("the NIR is not written back into the page").isEmpty();
        browser.checkScreen("search-results");
        browser.find(By.partialLinkText(lastName)).click();
        browser.waitFor(b -> b.driver().getCurrentUrl().contains("/app/persons/" + personId), "the person found");

        // open a case, assigned to me
        new Select(browser.find(By.id("open-theme"))).selectByValue("JOB_RETENTION");
        new Select(browser.find(By.id("open-origin"))).selectByValue("SELF");
        browser.find(By.cssSelector("form[action='/app/cases'] button[type=submit]")).click();
        browser.waitFor(b -> b.text().contains("Le dossier a été ouvert."), "the new case");
        String caseId = browser.driver().getCurrentUrl().replaceAll(".*/app/cases/([0-9a-f-]{36}).*", "$1");
        assertThat(browser.find(By.id("case-status")).getText()).isEqualTo("Ouvert");
        browser.checkScreen("case");

        // a contact
        browser.find(By.cssSelector("input[name=mode][value=HOME_VISIT]")).click();
        browser.find(By.id("notes")).sendKeys("Visite à domicile : point sur la reprise à temps partiel.");
        browser.find(By.xpath("//button[normalize-space()='Enregistrer le contact']")).click();
        browser.waitFor(b -> b.text().contains("Le contact a été enregistré."), "the contact recorded");
        assertThat(browser.text()).contains("Visite à domicile", "point sur la reprise à temps partiel");

        // a plan step, then done
        browser.find(By.id("step-text")).sendKeys("Demander la reconnaissance de travailleur handicapé (RQTH)");
        browser.find(By.xpath("//button[normalize-space()='Ajouter l’étape']")).click();
        browser.waitFor(b -> b.text().contains("L’étape a été ajoutée"), "the step added");
        browser.find(By.xpath("//button[starts-with(normalize-space(), 'Marquer comme faite')]")).click();
        browser.waitFor(b -> b.text().contains("L’étape a été mise à jour."), "the step done");
        assertThat(browser.find(By.cssSelector("#h-plan ~ .table-wrap td[data-label='État']")).getText()).isEqualTo("Faite");

        // a document of a type that is refused, in words, then a PDF, with progress, then downloaded
        Path text = Files.writeString(Files.createTempFile("notes-", ".txt"), "not a document");
        browser.find(By.id("document-file")).sendKeys(text.toString());
        browser.find(By.xpath("//button[normalize-space()='Ajouter le document']")).click();
        browser.waitFor(b -> b.find(By.id("upload-status")).getText().contains("Ce type de fichier n’est pas accepté"),
                "the type refused");
        browser.checkScreen("case-upload-refused");
        byte[] pdf = pdf();
        Path file = Files.write(Files.createTempFile("attestation-", ".pdf"), pdf);
        browser.find(By.id("document-file")).sendKeys(file.toString());
        browser.find(By.xpath("//button[normalize-space()='Ajouter le document']")).click();
        browser.waitFor(b -> b.text().contains("Le document a été ajouté au dossier."), "the document added");
        WebElement link = browser.find(By.partialLinkText(file.getFileName().toString()));
        Path downloaded = browser.downloads().resolve(file.getFileName());
        Files.deleteIfExists(downloaded);
        link.click();
        browser.waitFor(b -> Files.exists(downloaded) && sizeOf(downloaded) == pdf.length, "the document downloaded");
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(pdf);

        // close the case with a reason
        new Select(browser.find(By.id("closure-reason"))).selectByValue("COMPLETED_AT_PERSONS_REQUEST");
        browser.find(By.xpath("//button[normalize-space()='Clore le dossier']")).click();
        browser.waitFor(b -> b.text().contains("Le statut du dossier a été mis à jour."), "the case closed");
        assertThat(browser.find(By.id("case-status")).getText()).isEqualTo("Clos");
        assertThat(browser.text()).contains("motif : Fin à la demande de la personne");
        // the status history, oldest first, in days
        assertThat(browser.find(By.id("status-history")).findElements(By.tagName("li"))).extracting(e -> e.getText())
                .filteredOn(t -> !t.startsWith("Derni")) // last contact, last change
                .satisfiesExactly(t -> assertThat(t).startsWith("Ouvert le "),
                        t -> assertThat(t).startsWith("Clos le ").endsWith("motif : Fin à la demande de la personne"));
        browser.checkScreen("case-closed");

        // the person's page lists her case
        browser.open(StaffApp.url("/app/persons/" + personId));
        browser.waitFor(b -> b.text().contains("Ses dossiers dans votre équipe"), "the person's cases");
        assertThat(browser.find(By.cssSelector("a[href='/app/cases/" + caseId + "']")).getText()).isEqualTo("Maintien dans l’emploi (PDP)");
        browser.checkScreen("person-cases");

        // every step in the audit trail, done by alice as herself
        List<Map<String, Object>> trail = audit("caseId", caseId);
        assertThat(trail).extracting(r -> r.get("action") + " " + r.get("recordType"))
                .contains("CREATE CASE", "CREATE CONTACT", "CREATE PLAN_STEP", "UPDATE PLAN_STEP", "CREATE DOCUMENT",
                        "DOWNLOAD DOCUMENT", "STATUS_CHANGE CASE", "READ CASE");
        assertThat(trail).allSatisfy(r -> assertThat(r.get("actor")).isEqualTo("alice"));
        assertThat(audit("personId", personId)).extracting(r -> r.get("action") + " " + r.get("recordType"))
                .contains("CREATE PERSON", "SEARCH PERSON");

        // the NIR travelled in bodies only: no address, hence no access-log line, ever held it
        assertThat(Files.readString(Suite.get().log(Suite.Service.GATEWAY))).doesNotContain(nir);
    }

    @Test
    void theCaseFlowCanBeDoneWithTheKeyboardAlone() {
        String personId = StaffApp.person("alice", Fixtures.uniqueLastName(), Fixtures.birthDate());
        browser.open(StaffApp.url("/app/persons/" + personId));
        browser.focusTop();
        browser.tabToId("open-theme", 40);
        browser.keys(Keys.ARROW_DOWN);
        browser.tabToText("Ouvrir le dossier", 10).sendKeys(Keys.ENTER);
        browser.waitFor(b -> b.text().contains("Le dossier a été ouvert."), "the case opened by keyboard");

        browser.focusTop();
        browser.tabTo(e -> "mode".equals(e.getAttribute("name")), "the kind of contact", 60);
        browser.keys(Keys.ARROW_RIGHT);
        browser.tabToId("notes", 12);
        browser.keys("Entretien téléphonique, au clavier seulement.");
        browser.tabToText("Enregistrer le contact", 5).sendKeys(Keys.ENTER);
        browser.waitFor(b -> b.text().contains("Le contact a été enregistré."), "the contact recorded by keyboard");
        assertThat(browser.text()).contains("Téléphone", "au clavier seulement");

        browser.focusTop();
        browser.tabToId("step-text", 80);
        browser.keys("Prendre rendez-vous avec le médecin du travail");
        browser.tabToText("Ajouter l’étape", 8).sendKeys(Keys.ENTER);
        browser.waitFor(b -> b.text().contains("L’étape a été ajoutée"), "the step added by keyboard");

        browser.focusTop();
        browser.tabToText("Marquer comme faite", 60).sendKeys(Keys.ENTER);
        browser.waitFor(b -> b.text().contains("L’étape a été mise à jour."), "the step done by keyboard");

        browser.focusTop();
        browser.tabToId("closure-reason", 60);
        browser.keys(Keys.ARROW_DOWN);
        browser.tabToText("Clore le dossier", 5).sendKeys(Keys.ENTER);
        browser.waitFor(b -> b.text().contains("Le statut du dossier a été mis à jour."), "the case closed by keyboard");
        assertThat(browser.find(By.id("case-status")).getText()).isEqualTo("Clos");
    }

    private static void fillPerson(String lastName, String firstName, LocalDate born, String nir) {
        browser.find(By.id("p-lastName")).sendKeys(lastName);
        browser.find(By.id("p-firstName")).sendKeys(firstName);
        // a date input's typing order depends on the locale: its value is set as the form would hold it
        browser.script("arguments[0].value = arguments[1];", browser.find(By.id("p-birthDate")), born.toString());
        if (nir != null) {
            browser.find(By.id("p-nir")).sendKeys(nir);
        }
        browser.find(By.cssSelector("input[name=sex][value=FEMALE]")).click();
    }

    private static List<Map<String, Object>> audit(String by, String id) {
        JsonPath trail = given().baseUri(Suite.get().gatewayUrl()).auth().oauth2(Tokens.user("jules")).queryParam(by, id)
                .get("/api/cases/audit").then().statusCode(200).extract().jsonPath();
        return trail.getList("");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A small, valid PDF. */
    static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }
}
