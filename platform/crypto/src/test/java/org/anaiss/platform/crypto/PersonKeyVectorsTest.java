package org.anaiss.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The published vectors against the hasher with the development key they were computed with, and the comparison
 * itself: it must see a wrong key. Each service also runs its own configured hasher through them.
 */
class PersonKeyVectorsTest {

    static final Path VECTORS = Path.of("person-key-vectors.csv");
    static final String KEY = "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx";

    @Test
    void everyPublishedVectorGivesItsPersonKey() throws IOException {
        List<String[]> vectors = PersonKeyVectors.read(VECTORS);
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(8);
        assertThat(PersonKeyVectors.mismatches(hasher(KEY), vectors)).isEmpty();
        assertThat(Files.readString(VECTORS)).as("the file names the key its vectors were computed with").contains(KEY);
    }

    @Test
    void aHasherWithAnotherKeyMissesEveryVector() throws IOException {
        List<String[]> vectors = PersonKeyVectors.read(VECTORS);
        String other = java.util.Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes());
        assertThat(PersonKeyVectors.mismatches(hasher(other), vectors)).hasSize(vectors.size());
    }

    static NirHasher hasher(String key) {
        return new NirHasher(new CryptoConfig() {
            public List<String> keys() {
                return List.of();
            }

            public String activeKey() {
                return null;
            }

            public String nirHashKey() {
                return key;
            }
        });
    }
}
