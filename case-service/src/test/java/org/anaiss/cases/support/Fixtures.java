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

    /** 2 sexes x 100 years x 12 months x 95 departments x 999 communes x 999 order numbers. */
    private static final long NIR_SPACE = 2L * 100 * 12 * 95 * 999 * 999;
    /**
     * The next NIR's index: a random start, then consecutive ones, so the NIRs of one run never repeat
     * (random draws from a smaller space once made two registrations collide as duplicates) and another
     * run's, left in a shared database, are unlikely to be met.
     */
    private static final AtomicLong NEXT_NIR = new AtomicLong(ThreadLocalRandom.current().nextLong(NIR_SPACE));

    /** A valid NIR (control key computed), never the same twice in one run. */
    public static String nir() {
        long n = Math.floorMod(NEXT_NIR.getAndIncrement(), NIR_SPACE);
        long order = n % 999 + 1;
        n /= 999;
        long commune = n % 999 + 1;
        n /= 999;
        long department = n % 95 + 1;
        n /= 95;
        long month = n % 12 + 1;
        n /= 12;
        long year = n % 100;
        long sex = n / 100 + 1;
        String body = String.format("%d%02d%02d%02d%03d%03d", sex, year, month, department, commune, order);
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
