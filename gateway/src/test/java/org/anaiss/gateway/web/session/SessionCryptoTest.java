package org.anaiss.gateway.web.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SessionCryptoTest {

    private final SessionCrypto crypto = new SessionCrypto("dev-only-web-session-key-32bytes".getBytes(StandardCharsets.US_ASCII));

    @Test
    void aSealedValueOpensOnlyWithTheSameKeyAndForTheSameContext() {
        String sealed = crypto.seal("state\nnonce\nverifier", "sign-in");
        assertThat(sealed).doesNotContain("state").doesNotContain("verifier");
        assertThat(crypto.open(sealed, "sign-in")).isEqualTo("state\nnonce\nverifier");
        assertThat(crypto.open(sealed, "web_session:00")).isNull();
        SessionCrypto other = new SessionCrypto(SessionCrypto.keyOf(null, new SecureRandom()));
        assertThat(other.open(sealed, "sign-in")).isNull();
    }

    @Test
    void anAlteredValueDoesNotOpen() {
        byte[] sealed = Base64.getUrlDecoder().decode(crypto.seal("tokens", "ctx"));
        sealed[sealed.length - 1] ^= 1;
        assertThat(crypto.open(Base64.getUrlEncoder().withoutPadding().encodeToString(sealed), "ctx")).isNull();
        assertThat(crypto.open("not base64 !", "ctx")).isNull();
    }

    @Test
    void signaturesAreStableAndComparedInConstantTime() {
        assertThat(crypto.sign("csrf\nabc")).isEqualTo(crypto.sign("csrf\nabc")).isNotEqualTo(crypto.sign("csrf\nabd"));
        assertThat(SessionCrypto.same("a", "a")).isTrue();
        assertThat(SessionCrypto.same("a", null)).isFalse();
        assertThat(crypto.randomToken(32)).hasSize(43).isNotEqualTo(crypto.randomToken(32));
    }

    @Test
    void thePkceChallengeIsTheS256OfTheVerifier() {
        // RFC 7636, appendix B
        assertThat(SessionCrypto.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aKeyMustBe32Bytes() {
        assertThatThrownBy(() -> new SessionCrypto(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
