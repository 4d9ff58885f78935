package org.anaiss.cases.service;

import java.text.Normalizer;
import java.util.Locale;

/** Name normalisation for search and duplicate detection: "Lefèvre-Dubois" and "LEFEVRE DUBOIS" match. */
public final class Names {

    private Names() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String noAccents = Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return noAccents.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim();
    }
}
