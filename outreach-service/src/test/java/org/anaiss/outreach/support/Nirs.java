package org.anaiss.outreach.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Valid NIRs (control key computed) and signal bodies for tests: random, so tests never collide. */
public final class Nirs {

    private Nirs() {
    }

    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = String.format("%d%02d%02d%02d%03d%03d", r.nextInt(1, 3), r.nextInt(50, 100), r.nextInt(1, 13),
                r.nextInt(10, 96), r.nextInt(1, 1000), r.nextInt(1, 1000));
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }

    /**
     * A signal date of its own for a test: campaigns select by signal date, so a window of this one day
     * keeps a test's campaign to the people that test signalled, whatever else the shared database holds.
     */
    public static LocalDate uniqueDay() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return LocalDate.of(2000, 1, 1).plusDays(r.nextInt(0, 365 * 25));
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
