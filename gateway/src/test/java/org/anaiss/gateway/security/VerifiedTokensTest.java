package org.anaiss.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final VerifiedTokens tokens = new VerifiedTokens(2, Duration.ofMinutes(5), now::get);
    private final SecurityIdentity alice = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "alice").addRole("social-worker").build();

    private long inSeconds(long seconds) {
        return now.get() / 1000 + seconds;
    }

    @Test
    void aRememberedTokenIsAnsweredUntilItExpires() {
        tokens.remember("token-a", alice, inSeconds(60));
        assertThat(tokens.lookup("token-a")).isSameAs(alice);
        now.addAndGet(59_000);
        assertThat(tokens.lookup("token-a")).isSameAs(alice);
        now.addAndGet(1_000);
        assertThat(tokens.lookup("token-a")).isNull();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aLongLivedTokenIsRememberedNoLongerThanTheMaximum() {
        tokens.remember("token-a", alice, inSeconds(3600));
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(tokens.lookup("token-a")).isNull();
    }

    @Test
    void anotherTokenEvenDifferingByOneCharacterIsUnknown() {
        tokens.remember("header.payload.signature", alice, inSeconds(60));
        assertThat(tokens.lookup("header.payload.signaturf")).isNull();
        assertThat(tokens.lookup("header.payloaX.signature")).isNull();
    }

    @Test
    void tokensWithoutExpiryOrAlreadyExpiredAreNotRemembered() {
        tokens.remember("no-exp", alice, 0);
        tokens.remember("expired", alice, inSeconds(-1));
        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullNewTokensAreVerifiedEveryTimeAndExpiredOnesAreSwept() {
        tokens.remember("a", alice, inSeconds(10));
        tokens.remember("b", alice, inSeconds(100));
        tokens.remember("c", alice, inSeconds(100));
        assertThat(tokens.lookup("c")).isNull();
        now.addAndGet(10_000);
        tokens.sweep();
        assertThat(tokens.size()).isEqualTo(1);
        tokens.remember("c", alice, inSeconds(100));
        assertThat(tokens.lookup("c")).isSameAs(alice);
    }
}
