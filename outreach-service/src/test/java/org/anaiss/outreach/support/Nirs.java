package org.anaiss.outreach.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Valid NIRs (control key computed) and signal bodies for tests: random, so tests never collide. */
public final class Nirs {

    private Nirs() {
    }

    /** 86 departments x 999 communes x 999 order numbers: the part of a NIR a counter walks. */
    private static final long PLACES = 86L * 999 * 999;
    /** A random start, then consecutive places: the NIRs of one run never repeat (random draws may). */
    private static final AtomicLong NEXT_PLACE = new AtomicLong(ThreadLocalRandom.current().nextLong(PLACES));

    /** A valid NIR, never the same twice in one run. */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long n = Math.floorMod(NEXT_PLACE.getAndIncrement(), PLACES);
        String body = String.format("%d%02d%02d%02d%03d%03d", r.nextInt(1, 3), r.nextInt(50, 100), r.nextInt(1, 13),
                n / (999 * 999) + 10, n / 999 % 999 + 1, n % 999 + 1);
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }

    /** Test days: this module's come from the 12 years after 2000; the system tests, sharing the database, use the next 12. */
    private static final int DAYS = 365 * 12;
    /**
     * A random start, then consecutive days: two tests of one run never share a day. Random draws over 25 years
     * could: with the system tests' days, about 23 draws a run, so two equal ones about 1 run in 35.
     */
    private static final AtomicInteger NEXT_DAY = new AtomicInteger(ThreadLocalRandom.current().nextInt(DAYS));

    /**
     * A signal date of its own for a test: campaigns select by signal date, so a window of this one day
     * keeps a test's campaign to the people that test signalled, whatever else the shared database holds.
     */
    public static LocalDate uniqueDay() {
        return LocalDate.of(2000, 1, 1).plusDays(Math.floorMod(NEXT_DAY.getAndIncrement(), DAYS));
    }

    public static Map<String, Object> signal(String nir, String region, String type, String email, LocalDate day) {
        Map<String, Object> s = signal(nir, region, type, email);
        s.put("signalDate", day.toString());
        return s;
    }

    /** A signal body for one person, valid, reachable by e-mail and by letter. */
    public static Map<String, Object> signal(String nir, String region, String type, String email) {
        Map<String, Object> person = new HashMap<>();
        person.put("nir", nir);
        person.put("lastName", "Testperson");
        person.put("firstName", "Camille");
        person.put("birthDate", "1970-05-12");
        person.put("region", region);
        person.put("addressLine", "12 rue des Tests");
        person.put("postalCode", "69003");
        person.put("city", "Lyon");
        if (email != null) {
            person.put("email", email);
        }
        Map<String, Object> signal = new HashMap<>();
        signal.put("person", person);
        signal.put("signalType", type);
        signal.put("signalDate", LocalDate.now().minusDays(3).toString());
        signal.put("sendingSystem", "test-system");
        return signal;
    }
}
