package org.anaiss.cases.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.http.ContentType;

/** Test data through the API: unique identities and valid NIRs, so tests never collide. */
public final class Fixtures {

    private Fixtures() {
    }

    /** 95 departments x 999 communes x 999 order numbers: the part of a NIR a counter walks. */
    private static final long PLACES = 95L * 999 * 999;
    /**
     * The next NIR's place: a random start, then consecutive ones, so two NIRs of one run never repeat
     * (random draws could, and a registration then answers 409 duplicate-person).
     */
    private static final AtomicLong NEXT_PLACE = new AtomicLong(ThreadLocalRandom.current().nextLong(PLACES));

    /** A valid NIR (control key computed), never the same twice in one run. */
    public static String nir() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long n = Math.floorMod(NEXT_PLACE.getAndIncrement(), PLACES);
        String body = String.format("%d%02d%02d%02d%03d%03d", r.nextInt(1, 3), r.nextInt(40, 100), r.nextInt(1, 13),
                n / (999 * 999) + 1, n / 999 % 999 + 1, n % 999 + 1);
        return body + String.format("%02d", 97 - Long.parseLong(body) % 97);
    }

    public static String uniqueName() {
        StringBuilder sb = new StringBuilder("Tst");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 12; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    public static Map<String, Object> person() {
        Map<String, Object> p = new HashMap<>();
        p.put("lastName", uniqueName());
        p.put("firstName", "Marie");
        p.put("birthDate", LocalDate.of(ThreadLocalRandom.current().nextInt(1950, 2000), 5, 17).toString());
        p.put("sex", "FEMALE");
        p.put("nir", nir());
        p.put("city", "Lyon");
        p.put("email", "marie@example.org");
        return p;
    }

    /** Registers a person as the given user; returns the person id. An unexpected answer is printed whole. */
    public static String createPerson(String user) {
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON).body(person())
                .post("/api/cases/persons").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** Opens a case for a new person as the given user (in their team); returns the case id. */
    public static String createCase(String user) {
        String personId = createPerson(user);
        return given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }
}
