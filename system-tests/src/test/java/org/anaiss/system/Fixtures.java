package org.anaiss.system;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Test data: valid NIRs (control key computed) and unique identities, so tests never collide. */
public final class Fixtures {

    private Fixtures() {
    }

    /** 95 departments x 999 communes x 999 order numbers. */
    private static final long PLACES = 95L * 999 * 999;
    /**
     * The next NIR's place: a random start, then consecutive ones, so two NIRs of one run never repeat
     * (random draws could, and a registration then answers 409 duplicate-person).
     */
    private static final AtomicLong NEXT_PLACE = new AtomicLong(ThreadLocalRandom.current().nextLong(PLACES));

    /** A valid NIR of a woman born in the given year and month, never the same twice in one run. */
    public static String nir(int year, int month) {
        long n = Math.floorMod(NEXT_PLACE.getAndIncrement(), PLACES);
        String body = String.format("2%02d%02d%02d%03d%03d", year % 100, month, n / (999 * 999) + 1,
                n / 999 % 999 + 1, n % 999 + 1);
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }

    /** A last name no other test uses. */
    public static String uniqueLastName() {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder("Test");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            sb.append(Character.toLowerCase(letters.charAt(r.nextInt(letters.length()))));
        }
        return sb.toString();
    }

    public static LocalDate birthDate() {
        return LocalDate.of(ThreadLocalRandom.current().nextInt(1950, 2000), ThreadLocalRandom.current().nextInt(1, 13), 15);
    }
}
