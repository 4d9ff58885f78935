package org.anaiss.cases.service;

import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.crypto.CryptoConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private static CryptoConfig config(String active, String... keys) {
        return new CryptoConfig() {
            public List<String> keys() {
                return List.of(keys);
            }

            public String activeKey() {
                return active;
            }

            public String nirHashKey() {
                return Base64.getEncoder().encodeToString(new byte[32]);
            }
        };
    }

    @Test
    void sealedValueOpensInItsPlaceOnly() {
        FieldCipher cipher = new FieldCipher(config("k1", K1));
        FieldCipher.Sealed sealed = cipher.seal("271047505603817", "person.nir:a");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("2710475056038");
        assertThat(cipher.openString(sealed.keyId(), sealed.ciphertext(), "person.nir:a")).isEqualTo("271047505603817");
        // copied to another row, it does not decrypt
        assertThatThrownBy(() -> cipher.open(sealed.keyId(), sealed.ciphertext(), "person.nir:b"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("2710475056038");
    }

    @Test
    void sameValueSealsDifferentlyEachTime() {
        FieldCipher cipher = new FieldCipher(config("k1", K1));
        assertThat(cipher.seal("x", "p").ciphertext()).isNotEqualTo(cipher.seal("x", "p").ciphertext());
    }

    @Test
    void afterRotationNewDataUsesTheNewKeyAndOldDataStillOpens() {
        FieldCipher before = new FieldCipher(config("k1", K1));
        FieldCipher.Sealed old = before.seal("note", "contact.notes:1");
        FieldCipher after = new FieldCipher(config("k2", K1, K2));
        assertThat(after.seal("note", "contact.notes:2").keyId()).isEqualTo("k2");
        assertThat(after.openString(old.keyId(), old.ciphertext(), "contact.notes:1")).isEqualTo("note");
    }

    @Test
    void refusesAnActiveKeyThatIsNotConfiguredOrAShortKey() {
        assertThatThrownBy(() -> new FieldCipher(config("k9", K1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FieldCipher(config("k1", "k1:" + Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class);
    }
}
