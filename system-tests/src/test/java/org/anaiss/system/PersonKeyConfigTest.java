package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The services that recognise a person by key (case-service, outreach-service) compute it with the same key: in
 * production from the same secret variable, in tests from the key of the published vectors
 * (platform/crypto/person-key-vectors.csv, checked against the hasher by platform/crypto's PersonKeyVectorsTest).
 * No server needed.
 */
class PersonKeyConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
    private static final String KEY = "anaiss.crypto.nir-hash-key";

    @Test
    void everyServiceThatKeysPersonsUsesTheSameSecretAndInTestsTheVectorsKey() throws IOException {
        String vectors = Files.readString(ROOT.resolve("platform/crypto/person-key-vectors.csv"));
        for (String service : List.of("case-service", "outreach-service")) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
                p.load(r);
            }
            assertThat(p.getProperty(KEY)).as(service + ": production key").isEqualTo("${ANAISS_NIR_HASH_KEY}");
            String testKey = p.getProperty("%test." + KEY);
            assertThat(testKey).as(service + ": test key").isNotBlank();
            assertThat(vectors).as(service + ": its test key is the vectors' key").contains(testKey);
        }
    }
}
