package org.anaiss.outreach.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import jakarta.inject.Inject;

import org.anaiss.platform.crypto.NirHasher;
import org.anaiss.platform.crypto.PersonKeyVectors;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The person key this service computes, with its configured hasher, is the published one (platform/crypto). */
@QuarkusTest
class PersonKeyVectorsTest {

    @Inject
    NirHasher hasher;

    @Test
    void everyPublishedVectorGivesItsPersonKey() throws IOException {
        assertThat(PersonKeyVectors.mismatches(hasher, PersonKeyVectors.read(PersonKeyVectors.FILE))).isEmpty();
    }
}
