package org.anaiss.gateway.web.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anaiss.gateway.support.EdgeProfile;
import org.anaiss.gateway.support.FakeLinks;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The pages of the people the suite writes to, in front of a stand-in outreach-service that answers its
 * public link API ({@link FakeLinks}): what they show, their forms' protection, double submits,
 * unknown and used links, old links, and the public limits.
 */
@QuarkusTest
@TestProfile(EdgeProfile.class)
class PublicPagesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** Every request from an address of its own: the public limit of the test profile (2, then 1/s) is tested apart. */
    private static RequestSpecification person() {
        int n = ADDRESS.getAndIncrement();
        return given().redirects().follow(false).header("X-Forwarded-For", "198.18." + (n / 250 % 250) + "." + (n % 250 + 1));
    }

    private static String token(char first) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return first + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(1);
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the page has a CSRF token").isTrue();
        return m.group(1);
    }

    @Test
    void theOfferPageSaysWhoWritesAndWhyWithTheFirstNameAloneTheChoicesAndThePhoneInFrench() {
        String token = token('A');
        Response page = person().get("/o/" + token);
        page.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", not(containsString("script-src")))
                .header("Set-Cookie", nullValue());
        String html = page.asString();
        assertThat(html).contains("<html lang=\"fr\">").contains("Camille, le service social vous propose son aide")
                .contains("votre arrêt de travail dure depuis plus de trois mois")
                .contains("Accepter la proposition").contains("Répondre plus tard").contains("Refuser la proposition")
                .contains("Je ne veux plus être contacté·e").contains("jeudi 31 janvier 2030")
                .contains(EdgeProfile.FUND_PHONE).contains("<main id=\"main\"").contains("<label for=\"slot\">")
                .contains("action=\"/o/" + token + "/objection\"")
                // nothing of the person beyond the first name, and no script
                .doesNotContain("TESTNOM").doesNotContain("<script");
    }

    @Test
    void anOfferFromARegionWithItsOwnNumberGivesThatNumberUpToTheConfirmation() {
        String token = token('B');
        String html = person().get("/o/" + token).then().statusCode(200).extract().asString();
        assertThat(html).contains(EdgeProfile.BRETAGNE_PHONE).doesNotContain(EdgeProfile.FUND_PHONE)
                .contains("<input type=\"hidden\" name=\"r\" value=\"BRETAGNE\">");
        person().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("_csrf", csrf(html))
                .formParam("r", "BRETAGNE").post("/o/" + token + "/objection")
                .then().statusCode(303).header("Location", "/o/" + token + "/ok/objection?r=BRETAGNE");
        person().get("/o/" + token + "/ok/objection?r=BRETAGNE").then().statusCode(200)
                .body(containsString(EdgeProfile.BRETAGNE_PHONE)).body(not(containsString(EdgeProfile.FUND_PHONE)));
        // a region the gateway has no number for (or a forged value) falls back to the fund's number
        person().get("/o/" + token + "/ok/objection?r=%3Cscript%3E").then().statusCode(200)
                .body(containsString(EdgeProfile.FUND_PHONE)).body(not(containsString("<script")));
    }

    @Test
    void acceptingGoesThroughTheServiceThenSaysWhatHappensNextAndADoubleSubmitChangesNothing() {
        String token = token('A');
        String csrf = csrf(person().get("/o/" + token).asString());
        person().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("_csrf", csrf).formParam("choice", "ACCEPTED")
                .formParam("slot", "le mardi après-midi")
                .post("/o/" + token).then().statusCode(303).header("Location", "/o/" + token + "/ok/accepted");
        assertThat(FakeLinks.answers(token)).hasSize(1);
        assertThat(FakeLinks.answers(token).get(0).body()).contains("\"response\":\"ACCEPTED\"")
                .contains("\"preferredContactSlot\":\"le mardi après-midi\"");
        person().get("/o/" + token + "/ok/accepted").then().statusCode(200)
                .body(containsString("Merci, votre réponse est enregistrée")).body(containsString("va vous appeler"));

        // the same form again (a double click, the back button): the used link says so, nothing more is recorded
        person().formParam("_csrf", csrf).formParam("choice", "ACCEPTED").post("/o/" + token)
                .then().statusCode(410).contentType(startsWith("text/html"))
                .body(containsString("Ce lien ne fonctionne plus")).body(containsString(EdgeProfile.FUND_PHONE));
        assertThat(FakeLinks.answers(token)).hasSize(1);
        person().get("/o/" + token).then().statusCode(410).body(containsString("votre réponse est bien enregistrée"));
    }

    @Test
    void aFormWithoutItsCsrfTokenOrFromAnotherSiteIsRefusedAndNeverReachesTheService() {
        String token = token('A');
        String csrf = csrf(person().get("/o/" + token).asString());
        person().formParam("choice", "DECLINED").post("/o/" + token)
                .then().statusCode(403).body(containsString("Rien n’a été modifié"));
        person().formParam("_csrf", csrf(person().get("/o/" + token(('A'))).asString())).formParam("choice", "DECLINED")
                .post("/o/" + token).then().statusCode(403);
        person().header("Sec-Fetch-Site", "cross-site").formParam("_csrf", csrf).formParam("choice", "DECLINED")
                .post("/o/" + token).then().statusCode(403);
        person().header("Origin", "https://evil.example").formParam("_csrf", csrf).post("/o/" + token + "/objection")
                .then().statusCode(403);
        assertThat(FakeLinks.answers(token)).isEmpty();
        // and the page still works with its own token
        person().formParam("_csrf", csrf).formParam("choice", "DECLINED").post("/o/" + token)
                .then().statusCode(303).header("Location", "/o/" + token + "/ok/declined");
    }

    @Test
    void anObjectionIsSentToTheServiceAndConfirmed() {
        String token = token('A');
        String csrf = csrf(person().get("/o/" + token).asString());
        person().formParam("_csrf", csrf).post("/o/" + token + "/objection")
                .then().statusCode(303).header("Location", "/o/" + token + "/ok/objection");
        assertThat(FakeLinks.answers(token)).extracting(FakeLinks.Answer::path)
                .containsExactly("/api/outreach/answers/" + token + "/objection");
        person().get("/o/" + token + "/ok/objection").then().statusCode(200)
                .body(containsString("Votre opposition est enregistrée"));
    }

    @Test
    void aPostponementNeedsAUsableDateAndOtherwiseSaysSoWithoutCallingTheService() {
        String token = token('A');
        String csrf = csrf(person().get("/o/" + token).asString());
        person().formParam("_csrf", csrf).formParam("choice", "POSTPONED").formParam("postponedUntil", "demain")
                .post("/o/" + token).then().statusCode(400).body(containsString("Choisissez une date entre demain et dans six mois"))
                .body(containsString("aria-invalid=\"true\""));
        person().formParam("_csrf", csrf).formParam("choice", "MAYBE").post("/o/" + token).then().statusCode(400);
        assertThat(FakeLinks.answers(token)).isEmpty();
    }

    @Test
    void unknownAndMalformedLinksAre404PagesInWordsWithThePhone() {
        person().get("/o/" + token('U')).then().statusCode(404).contentType(startsWith("text/html"))
                .body(containsString("Ce lien est inconnu")).body(containsString(EdgeProfile.FUND_PHONE));
        person().get("/i/" + token('U')).then().statusCode(404).body(containsString("Ce lien est inconnu"));
        person().get("/o/short").then().statusCode(404).body(containsString("Ce lien est inconnu"));
        person().get("/o/" + token('A') + "/ok/whatever").then().statusCode(404);
    }

    @Test
    void aBrowserFollowingAnOldLinkLandsOnThePageAndApplicationsStillGetJson() {
        String token = token('A');
        person().accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/api/outreach/answers/" + token)
                .then().statusCode(303).header("Location", "/o/" + token);
        person().accept("text/html").get("/api/outreach/registrations/" + token)
                .then().statusCode(303).header("Location", "/i/" + token);
        person().accept("application/json").get("/api/outreach/answers/" + token)
                .then().statusCode(200).contentType(startsWith("application/json")).body("firstName", equalTo("Camille"));
        // the calendar file of a registration stays the API's
        person().accept("text/html").get("/api/outreach/registrations/" + token + "/calendar.ics").then().statusCode(not(303));
    }

    @Test
    void registeringForAFullSessionPutsThePersonOnTheWaitingListAndCancellingIsConfirmed() {
        String token = token('A');
        String html = person().get("/i/" + token).asString();
        assertThat(html).contains("Garder son emploi").contains("Complet").contains("M’inscrire sur la liste d’attente")
                .contains("jeudi 10 janvier 2030").contains("Carsat, Lyon");
        String csrf = csrf(html);
        person().formParam("_csrf", csrf).formParam("sessionId", FakeLinks.SESSION).post("/i/" + token)
                .then().statusCode(303).header("Location", "/i/" + token + "?ok=waiting");
        person().get("/i/" + token + "?ok=waiting").then().statusCode(200)
                .body(containsString("vous êtes sur la liste d’attente")).body(containsString("Annuler mon inscription"))
                .body(not(containsString("calendar.ics")));
        // a second submit of the same form: the page says so, the registration stays one
        person().formParam("_csrf", csrf).formParam("sessionId", FakeLinks.SESSION).post("/i/" + token)
                .then().statusCode(409).body(containsString("déjà inscrit"));
        person().formParam("_csrf", csrf).post("/i/" + token + "/cancel")
                .then().statusCode(303).header("Location", "/i/" + token + "/ok/cancelled");
        person().get("/i/" + token + "/ok/cancelled").then().statusCode(200).body(containsString("Votre inscription est annulée"));
        person().formParam("_csrf", "forged").post("/i/" + token + "/cancel").then().statusCode(403);
    }

    @Test
    void englishWhenAsked() {
        String token = token('A');
        person().get("/o/" + token + "?lang=en").then().statusCode(200).body(containsString("<html lang=\"en\">"))
                .body(containsString("Camille, the social service offers you its help"));
        String csrf = csrf(person().get("/o/" + token).asString());
        person().formParam("_csrf", csrf).formParam("lang", "en").formParam("choice", "DECLINED").post("/o/" + token)
                .then().statusCode(303).header("Location", "/o/" + token + "/ok/declined?lang=en");
    }

    @Test
    void thePagesShareThePublicLimitPerAddressAndSayItInWords() {
        String address = "198.51.100.77";
        String token = token('A');
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            Response r = given().header("X-Forwarded-For", address).get("/o/" + token);
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.asString()).contains("Trop de demandes");
            }
        }
        assertThat(limited).isGreaterThan(0);
    }
}
