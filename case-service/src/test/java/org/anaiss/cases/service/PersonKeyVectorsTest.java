package org.anaiss.cases.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.anaiss.platform.crypto.CryptoConfig;
import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;
import org.junit.jupiter.api.Test;

/**
 * The person key this service computes is the published one (platform/crypto/person-key-vectors.csv): the
 * services recognise a person only if they all compute it identically, from the same normalisation.
 */
class PersonKeyVectorsTest {

    static final Path VECTORS = Path.of("..", "platform", "crypto", "person-key-vectors.csv");
    static final String KEY = "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx";

    @Test
    void everyPublishedVectorGivesItsPersonKey() throws IOException {
        NirHasher hasher = new NirHasher(new CryptoConfig() {
            public List<String> keys() {
                return List.of();
            }

            public String activeKey() {
                return null;
            }

            public String nirHashKey() {
                return KEY;
            }
        });
        List<String[]> vectors = Files.readAllLines(VECTORS).stream().filter(l -> !l.startsWith("#") && !l.startsWith("raw_nir;"))
                .filter(l -> !l.isBlank()).map(l -> l.split(";")).toList();
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(8);
        for (String[] v : vectors) {
            assertThat(Nir.isValid(v[0])).as(v[1]).isTrue();
            assertThat(Nir.normalize(v[0])).isEqualTo(v[1]);
            assertThat(hasher.personKeyOf(v[0])).as(v[1]).isEqualTo(v[2]);
            assertThat(hasher.personKey(hasher.hash(v[1]))).isEqualTo(v[2]);
        }
    }

    @Test
    void theTestProfilesUseTheKeyOfTheVectors() throws IOException {
        assertThat(Files.readString(Path.of("src", "main", "resources", "application.properties")))
                .contains("%test.anaiss.crypto.nir-hash-key=" + KEY);
        assertThat(Files.readString(VECTORS)).contains(KEY);
    }
}
