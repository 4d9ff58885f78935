package org.anaiss.cases.service;

import org.anaiss.platform.crypto.Nir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.anaiss.cases.support.Fixtures;
import org.junit.jupiter.api.Test;

class NirTest {

    @Test
    void acceptsANirWithItsControlKeyAndSpaces() {
        assertThat(Nir.isValid("2 71 04 75 056 038 17")).isTrue();
        assertThat(Nir.normalize("2 71 04 75 056 038 17")).isEqualTo("271047505603817");
    }

    @Test
    void refusesAWrongControlKey() {
        assertThat(Nir.isValid("271047505603818")).isFalse();
    }

    @Test
    void computesCorsicanControlKeysWith19And18() {
        // 2A counts as 19 and 2B as 18 when computing the key
        String body2A = "185072A123456";
        long key2A = 97 - Long.parseLong(body2A.replace("2A", "19")) % 97;
        assertThat(Nir.isValid(body2A + String.format("%02d", key2A))).isTrue();
        String body2B = "299062B654321";
        long key2B = 97 - Long.parseLong(body2B.replace("2B", "18")) % 97;
        assertThat(Nir.isValid(body2B + String.format("%02d", key2B))).isTrue();
        assertThat(Nir.isValid(body2B + String.format("%02d", key2A == key2B ? (key2B % 97) + 1 : key2A))).isFalse();
    }

    @Test
    void refusesMalformedNumbers() {
        assertThat(Nir.isValid(null)).isFalse();
        assertThat(Nir.isValid("")).isFalse();
        assertThat(Nir.isValid("abc")).isFalse();
        assertThat(Nir.isValid("5710475056038")).isFalse();
        assertThat(Nir.isValid("9710475056038 17")).isFalse();
    }

    @Test
    void theTestsNirsAreValidAndNeverRepeatWithinARun() {
        // a repeated NIR makes a registration answer 409 duplicate-person in an unrelated test
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String nir = Fixtures.nir();
            assertThat(Nir.isValid(nir)).as(nir).isTrue();
            assertThat(seen.add(nir)).as(nir).isTrue();
        }
    }
}
