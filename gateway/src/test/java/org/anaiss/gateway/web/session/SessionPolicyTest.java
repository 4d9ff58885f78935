package org.anaiss.gateway.web.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.anaiss.gateway.web.session.SessionPolicy.Verdict;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-01T08:00:00Z");
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(10));

    @Test
    void aSessionEndsFifteenMinutesAfterItsLastRequest() {
        Instant expiresAt = policy.expiresAt(SIGNED_IN);
        Instant idleUntil = policy.idleUntil(SIGNED_IN, expiresAt);
        assertThat(idleUntil).isEqualTo(SIGNED_IN.plus(Duration.ofMinutes(15)));
        assertThat(policy.check(idleUntil, expiresAt, SIGNED_IN.plus(Duration.ofMinutes(14).plusSeconds(59)))).isNotEqualTo(Verdict.ENDED);
        assertThat(policy.check(idleUntil, expiresAt, SIGNED_IN.plus(Duration.ofMinutes(15)))).isEqualTo(Verdict.ENDED);
    }

    @Test
    void theIdleDeadlineMovesAtMostOnceAMinute() {
        Instant expiresAt = policy.expiresAt(SIGNED_IN);
        Instant idleUntil = policy.idleUntil(SIGNED_IN, expiresAt);
        assertThat(policy.check(idleUntil, expiresAt, SIGNED_IN.plusSeconds(30))).isEqualTo(Verdict.USE);
        assertThat(policy.check(idleUntil, expiresAt, SIGNED_IN.plusSeconds(61))).isEqualTo(Verdict.USE_AND_EXTEND);
    }

    @Test
    void aSessionEndsAtItsMaximumAgeWhateverItsUse() {
        Instant expiresAt = policy.expiresAt(SIGNED_IN);
        Instant late = expiresAt.minusSeconds(60);
        assertThat(policy.idleUntil(late, expiresAt)).isEqualTo(expiresAt);
        assertThat(policy.check(expiresAt.plusSeconds(600), expiresAt, expiresAt)).isEqualTo(Verdict.ENDED);
    }

    @Test
    void theIdleTimeoutIsConfigurable() {
        SessionPolicy five = new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(1));
        Instant expiresAt = five.expiresAt(SIGNED_IN);
        Instant idleUntil = five.idleUntil(SIGNED_IN, expiresAt);
        assertThat(five.check(idleUntil, expiresAt, SIGNED_IN.plus(Duration.ofMinutes(5)))).isEqualTo(Verdict.ENDED);
        assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SessionPolicy(Duration.ofHours(2), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
