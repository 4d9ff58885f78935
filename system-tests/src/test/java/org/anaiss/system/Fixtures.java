package org.anaiss.system;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/** Test data: valid NIRs (control key computed) and unique identities, so tests never collide. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A random, valid NIR of a woman born in the given year and month, in the Rhone (69). */
    public static String nir(int year, int month) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = String.format("2%02d%02d69%03d%03d", year % 100, month, r.nextInt(1, 1000), r.nextInt(1, 1000));
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
