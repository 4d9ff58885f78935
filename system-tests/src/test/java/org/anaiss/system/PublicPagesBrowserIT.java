package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The pages of the people the suite writes to, in a real browser, from the links of the mails the
 * local SMTP server received: an offer accepted with the keyboard alone opens a case in the region's
 * queue; an objection keeps a later campaign away; a full session's waiting list, and a cancellation
 * that promotes and mails the first person waiting; used, expired and unknown links. axe-core on
 * every page; screenshots at 320 and 1280 px in target/browser/screenshots/public-*.
 */
class PublicPagesBrowserIT {

    private static final String PHONE = "04 72 00 00 00";

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    /** A signal for a person of RHONE_ALPES with a mail address, then an e-mail campaign on that day: the link of their mail. */
    private static String offerLink(String nir, String address, LocalDate day) {
        OutreachSupport.postSignal(OutreachSupport.cpam(),
                OutreachSupport.signal(nir, Fixtures.uniqueLastName(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", address, day));
        String gilles = Tokens.user("gilles");
        String campaign = OutreachSupport.createCampaign(gilles, OutreachSupport.campaign("EMAIL", List.of("SICK_LEAVE_90_DAYS"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> OutreachSupport.mailCount(address) == 1);
        String link = OutreachSupport.link(address, null);
        assertThat(link).as("the mail prints the short link of the offer page").startsWith(Suite.get().gatewayUrl() + "/o/");
        return link;
    }

    @Test
    void aPersonAcceptsFromTheirMailWithTheKeyboardAloneAndACaseWaitsInTheRegionsQueue() throws Exception {
        String nir = OutreachSupport.nir();
        String address = OutreachSupport.address("page-accepts");
        String link = offerLink(nir, address, OutreachSupport.uniqueDay());

        try (Browser browser = Browser.start()) {
            browser.open(link);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Claire, le service social vous propose son aide");
            assertThat(browser.text()).contains("Qui vous écrit, et pourquoi").contains("plus de trois mois")
                    .contains("Je ne veux plus être contacté·e").contains(PHONE);
            browser.checkScreen("public-offer");

            // keyboard alone: Tab to the field, type, Tab to the button, Enter
            browser.focusTop();
            browser.tabToId("slot", 10);
            browser.keys("le mardi après-midi");
            browser.tabToId("accept", 5);
            browser.keys(Keys.ENTER);
            browser.waitFor(b -> b.text().contains("Merci, votre réponse est enregistrée"), "the acceptance confirmed");
            assertThat(browser.text()).contains("va vous appeler").contains(PHONE);
            assertThat(browser.driver().manage().getCookies()).as("no cookie on the people's pages").isEmpty();
            browser.checkScreen("public-offer-accepted");

            // the link is used: a page that says so, 410
            browser.open(link);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Ce lien ne fonctionne plus");
            assertThat(browser.text()).contains(PHONE);
            browser.checkScreen("public-link-used");
        }
        given().accept("text/html").get(link.substring(Suite.get().gatewayUrl().length())).then().statusCode(410)
                .body(containsString("Ce lien ne fonctionne plus"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> queuedCase(nir) != null);
        assertThat(queuedCase(nir)).as("origin, team, assignee of the case").isEqualTo("OUTREACH_OFFER//");
    }

    @Test
    void aPersonObjectsFromTheirMailAndALaterCampaignDoesNotReachThem() {
        String nir = OutreachSupport.nir();
        String address = OutreachSupport.address("page-objects");
        String link = offerLink(nir, address, OutreachSupport.uniqueDay());

        try (Browser browser = Browser.start()) {
            browser.open(link);
            browser.find(By.id("object")).click();
            browser.waitFor(b -> b.text().contains("Votre opposition est enregistrée"), "the objection confirmed");
            assertThat(browser.text()).contains("ne vous enverra plus de proposition").contains(PHONE);
            browser.checkScreen("public-objection-done");
        }

        // a later campaign, signalled again for the same person and for another one: only the other is written to
        LocalDate later = OutreachSupport.uniqueDay();
        String other = OutreachSupport.address("page-control");
        OutreachSupport.postSignal(OutreachSupport.cpam(),
                OutreachSupport.signal(nir, Fixtures.uniqueLastName(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", address, later));
        OutreachSupport.postSignal(OutreachSupport.cpam(),
                OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", other, later));
        String gilles = Tokens.user("gilles");
        String campaign = OutreachSupport.createCampaign(gilles, OutreachSupport.campaign("EMAIL", List.of("SICK_LEAVE_90_DAYS"), later));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> OutreachSupport.mailCount(other) == 1);
        given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign).then().statusCode(200)
                .body("status", equalTo("DONE")).body("progress.total", equalTo(1));
        assertThat(OutreachSupport.mailCount(address)).as("the person who objected got nothing more").isEqualTo(1);
    }

    @Test
    void aFullSessionPutsThePersonOnTheWaitingListAndACancellationPromotesAndMailsThem() {
        LocalDate day = OutreachSupport.uniqueDay();
        String first = OutreachSupport.address("page-seat");
        String second = OutreachSupport.address("page-waits");
        for (String address : List.of(first, second)) {
            OutreachSupport.postSignal(OutreachSupport.cpam(),
                    OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(), "RHONE_ALPES", "SICK_LEAVE_90_DAYS", address, day));
        }
        String gilles = Tokens.user("gilles");
        var created = given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("theme", "JOB_RETENTION", "title", "Garder son emploi", "description",
                        "Une réunion d’information sur vos droits pendant un arrêt long et le retour au travail.",
                        "targetPublic", "Assurés en arrêt long", "sessions", List.of(Map.of("startsAt",
                                Instant.now().plus(Duration.ofDays(9)).toString(), "durationMinutes", 90,
                                "place", "Carsat Rhône-Alpes, 35 rue Maurice Flandin, Lyon", "capacity", 1))))
                .post("/api/outreach/actions").then().statusCode(201).extract();
        given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("signalTypes", List.of("SICK_LEAVE_90_DAYS"), "windowFrom", day.toString(), "windowTo", day.toString(),
                        "channel", "EMAIL", "subject", "Réunion d'information",
                        "template", "Bonjour {firstName},\n{sessions}\nInscrivez-vous : {registrationUrl}"))
                .post("/api/outreach/actions/" + created.path("id") + "/invitations").then().statusCode(202).body("invited", equalTo(2));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> OutreachSupport.mailCount(first) == 1 && OutreachSupport.mailCount(second) == 1);
        String firstLink = OutreachSupport.link(first, null);
        String secondLink = OutreachSupport.link(second, null);
        assertThat(firstLink).startsWith(Suite.get().gatewayUrl() + "/i/");

        try (Browser browser = Browser.start()) {
            browser.open(firstLink);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Garder son emploi");
            assertThat(browser.text()).contains("1 place restante").contains("Carsat Rhône-Alpes").contains("90 minutes");
            browser.checkScreen("public-invitation");
            browser.find(By.xpath("//button[contains(., 'M’inscrire à cette séance')]")).click();
            browser.waitFor(b -> b.text().contains("Vous êtes inscrit·e à cette séance"), "the registration shown");
            String calendar = browser.find(By.id("calendar")).getAttribute("href");
            browser.checkScreen("public-invitation-registered");
            given().get(calendar.substring(Suite.get().gatewayUrl().length())).then().statusCode(200)
                    .body(containsString("BEGIN:VEVENT"));

            browser.open(secondLink);
            assertThat(browser.text()).contains("Complet");
            browser.find(By.xpath("//button[contains(., 'liste d’attente')]")).click();
            browser.waitFor(b -> b.text().contains("Vous êtes sur la liste d’attente de cette séance"), "the waiting list shown");
            browser.checkScreen("public-invitation-waiting");

            browser.open(firstLink);
            browser.find(By.id("cancel")).click();
            browser.waitFor(b -> b.text().contains("Votre inscription est annulée"), "the cancellation confirmed");
            browser.checkScreen("public-registration-cancelled");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> OutreachSupport.mails(second).stream()
                    .anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Une place pour vous")));
            String promotedLink = OutreachSupport.link(second, "Une place pour vous");
            assertThat(promotedLink).as("the promotion mail prints the short link").startsWith(Suite.get().gatewayUrl() + "/i/");
            browser.open(promotedLink);
            assertThat(browser.text()).contains("Vous êtes inscrit·e à cette séance");
            browser.open(secondLink);
            assertThat(browser.text()).contains("Vous êtes inscrit·e à cette séance");
        }
    }

    @Test
    void anExpiredLinkIs410AnUnknownOne404AndAnOldLinkLandsOnThePage() throws Exception {
        String link = offerLink(OutreachSupport.nir(), OutreachSupport.address("page-expires"), OutreachSupport.uniqueDay());
        String token = link.substring(link.lastIndexOf('/') + 1);
        String path = "/o/" + token;

        try (Browser browser = Browser.start()) {
            // a link printed before the pages, followed by a browser: the same page
            browser.open(Suite.get().gatewayUrl() + "/api/outreach/answers/" + token);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(link);
            assertThat(browser.find(By.tagName("h1")).getText()).contains("le service social vous propose son aide");
            given().accept("application/json").get("/api/outreach/answers/" + token).then().statusCode(200)
                    .contentType(ContentType.JSON).body("firstName", equalTo("Claire"));

            expire(token);
            given().accept("text/html").get(path).then().statusCode(410).body(containsString("la date limite pour répondre est passée"));
            browser.open(link);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Ce lien ne fonctionne plus");
            browser.checkScreen("public-link-expired");

            String unknown = "/o/" + "A".repeat(43);
            given().accept("text/html").get(unknown).then().statusCode(404).body(containsString("Ce lien est inconnu"))
                    .body(containsString(PHONE));
            browser.open(Suite.get().gatewayUrl() + unknown);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Ce lien est inconnu");
            browser.checkScreen("public-link-unknown");
        }
    }

    /** The offer's deadline passes (as the clock would make it). */
    private static void expire(String token) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        try (Connection c = Db.superuser("outreach");
                PreparedStatement ps = c.prepareStatement("update offer set expires_at = now() - interval '1 minute' where token_hash = ?")) {
            ps.setString(1, hash);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** "origin/team/assignee" of the person's case in RHONE_ALPES, or null while there is none. */
    private static String queuedCase(String nir) throws Exception {
        try (Connection c = Db.superuser("cases");
                PreparedStatement ps = c.prepareStatement("select sc.origin, sc.team, sc.assigned_to from support_case sc "
                        + "join person p on p.id = sc.person_id where p.nir_hash = ? and sc.region = 'RHONE_ALPES'")) {
            ps.setBytes(1, OutreachSupport.nirHash(nir));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "/" + (rs.getString(2) == null ? "" : rs.getString(2)) + "/"
                        + (rs.getString(3) == null ? "" : rs.getString(3)) : null;
            }
        }
    }
}
