package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.restassured.http.ContentType;

/** Helpers of the outreach system tests: partner signals, campaigns, the SMTP server's mailboxes, person keys. */
final class OutreachSupport {

    static final String PARTNER_CHU = "partner-chu-rennes";
    static final String PARTNER_CHU_SECRET = "demo-partner-secret-chu";
    static final String MAIL_API = "http://" + Env.smtpHost() + ":" + Env.get("ANAISS_MAIL_API_PORT", "8025") + "/api";
    // the short links printed since the people's pages (/o/, /i/); those printed before still work
    private static final Pattern ANSWER_LINK = Pattern.compile("(?:/o/|/api/outreach/answers/)([A-Za-z0-9_-]{43})");
    private static final Pattern REGISTRATION_LINK = Pattern.compile("(?:/i/|/api/outreach/registrations/)([A-Za-z0-9_-]{43})");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+/(?:o|i)/[A-Za-z0-9_-]{43}");

    private OutreachSupport() {
    }

    static String cpam() {
        return Tokens.client(Tokens.PARTNER_CPAM, Tokens.PARTNER_CPAM_SECRET);
    }

    static String chu() {
        return Tokens.client(PARTNER_CHU, PARTNER_CHU_SECRET);
    }

    /** 12 years of days from 2012; outreach-service's own tests, sharing the database, take theirs before 2012. */
    private static final int DAYS = 365 * 12;
    /** A random start, then consecutive days: two tests of one run never share a day (random draws may). */
    private static final AtomicInteger NEXT_DAY = new AtomicInteger(ThreadLocalRandom.current().nextInt(DAYS));

    /** A signal date of its own: a campaign on that one day reaches only this test's people. */
    static LocalDate uniqueDay() {
        return LocalDate.of(2012, 1, 1).plusDays(Math.floorMod(NEXT_DAY.getAndIncrement(), DAYS));
    }

    static String nir() {
        return Fixtures.nir(ThreadLocalRandom.current().nextInt(50, 99), ThreadLocalRandom.current().nextInt(1, 13));
    }

    static String address(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 12) + "@it.anaiss.invalid";
    }

    static Map<String, Object> signal(String nir, String lastName, String region, String type, String email, LocalDate day) {
        Map<String, Object> person = new HashMap<>();
        person.put("nir", nir);
        person.put("lastName", lastName);
        person.put("firstName", "Claire");
        person.put("birthDate", "1968-03-15");
        person.put("region", region);
        person.put("addressLine", "3 place Bellecour");
        person.put("postalCode", "69002");
        person.put("city", "Lyon");
        if (email != null) {
            person.put("email", email);
        }
        Map<String, Object> signal = new HashMap<>();
        signal.put("person", person);
        signal.put("signalType", type);
        signal.put("signalDate", day.toString());
        signal.put("sendingSystem", "it-system");
        return signal;
    }

    static String postSignal(String partnerToken, Map<String, Object> body) {
        return given().auth().oauth2(partnerToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/partners/signals").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> campaign(String channel, List<String> types, LocalDate day) {
        return Map.of("name", "IT " + UUID.randomUUID(), "signalTypes", types, "windowFrom", day.toString(),
                "windowTo", day.toString(), "channel", channel, "subject", "Le service social vous propose son aide",
                "template", "Bonjour {firstName} {lastName},\nnous pouvons vous aider.\nRépondez avant le {deadline} : {answerUrl}",
                "answerDeadline", LocalDate.now().plusDays(30).toString());
    }

    static String createCampaign(String officer, Map<String, Object> body) {
        return given().auth().oauth2(officer).contentType(ContentType.JSON).body(body).post("/api/outreach/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    static List<Map<String, Object>> mails(String address) {
        var r = given().baseUri(MAIL_API).get("/user/" + address + "/messages/INBOX");
        if (r.statusCode() != 200) {
            return List.of();
        }
        return r.jsonPath().getList("$");
    }

    static int mailCount(String address) {
        return mails(address).size();
    }

    static String answerToken(String address) {
        return token(ANSWER_LINK, address);
    }

    static String registrationToken(String address) {
        return token(REGISTRATION_LINK, address);
    }

    /** The whole link of the first mail of this address that has one, as the person would click it. */
    static String link(String address, String subjectPrefix) {
        for (Map<String, Object> m : mails(address)) {
            if (subjectPrefix != null && !String.valueOf(m.get("subject")).startsWith(subjectPrefix)) {
                continue;
            }
            Matcher matcher = URL.matcher(String.valueOf(m.get("mimeMessage")).replace("=\r\n", "").replace("=\n", ""));
            if (matcher.find()) {
                return matcher.group();
            }
        }
        return null;
    }

    private static String token(Pattern pattern, String address) {
        for (Map<String, Object> m : mails(address)) {
            Matcher matcher = pattern.matcher(String.valueOf(m.get("mimeMessage")).replace("=\r\n", "").replace("=\n", ""));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    /** The keyed hash of a NIR with the dev key, as both services compute it. */
    static byte[] nirHash(String nir) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(Env.get("ANAISS_NIR_HASH_KEY",
                    "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx")), "HmacSHA256"));
            return mac.doFinal(nir.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String personKey(String nir) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nirHash(nir));
    }
}
