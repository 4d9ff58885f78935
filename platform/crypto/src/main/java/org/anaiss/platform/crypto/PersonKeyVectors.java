package org.anaiss.platform.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The published person-key vectors (platform/crypto/person-key-vectors.csv: raw NIR; normalised NIR; person key under
 * the development key), and how a hasher compares with them. The services recognise a person only if they all
 * compute the same key: each service's tests run its own configured {@link NirHasher} through {@link #mismatches}.
 */
public final class PersonKeyVectors {

    /** The file, from a module of the repository (the working directory of its tests). */
    public static final Path FILE = Path.of("..", "platform", "crypto", "person-key-vectors.csv");

    private PersonKeyVectors() {
    }

    /** The vectors of the file: raw, normalised, key. */
    public static List<String[]> read(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.startsWith("raw_nir;"))
                .filter(l -> !l.isBlank()).map(l -> l.split(";")).toList();
    }

    /**
     * What this hasher gets wrong, one line per vector and step (validity, normalisation, key from the raw NIR, key
     * from the normalised one); empty when it computes every published key. Names the normalised NIR, which is a test
     * value: never call with real data.
     */
    public static List<String> mismatches(NirHasher hasher, List<String[]> vectors) {
        List<String> wrong = new ArrayList<>();
        for (String[] v : vectors) {
            if (!Nir.isValid(v[0])) {
                wrong.add(v[1] + ": not valid");
            } else if (!Nir.normalize(v[0]).equals(v[1])) {
                wrong.add(v[1] + ": normalised as " + Nir.normalize(v[0]));
            } else if (!hasher.personKeyOf(v[0]).equals(v[2])) {
                wrong.add(v[1] + ": key " + hasher.personKeyOf(v[0]) + " from the raw NIR, published " + v[2]);
            } else if (!hasher.personKey(hasher.hash(v[1])).equals(v[2])) {
                wrong.add(v[1] + ": key " + hasher.personKey(hasher.hash(v[1])) + " from the normalised NIR, published " + v[2]);
            }
        }
        return wrong;
    }
}
