package org.anaiss.platform.crypto;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** The French national registration number: format and control key (97 - number mod 97). */
public final class Nir {

    // sex, year, month (01-12, or 20-42 / 50-99 when unknown), department (digits, 2A, 2B), commune, order, key
    private static final Pattern FORMAT = Pattern.compile("[1-478][0-9]{2}(0[1-9]|1[0-2]|[2-9][0-9])(2[AB]|[0-9]{2})[0-9]{6}[0-9]{2}");

    private Nir() {
    }

    /** Upper case, spaces, dots and dashes removed; null stays null. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.replaceAll("[\\s.-]", "").toUpperCase();
    }

    public static boolean isValid(String raw) {
        String nir = normalize(raw);
        if (nir == null || !FORMAT.matcher(nir).matches()) {
            return false;
        }
        // Corsica: 2A counts as 19, 2B as 18 for the control key
        String digits = nir.substring(0, 13).replace("2A", "19").replace("2B", "18");
        int key = Integer.parseInt(nir.substring(13));
        int expected = 97 - new BigInteger(digits).mod(BigInteger.valueOf(97)).intValue();
        return key == expected;
    }
}
