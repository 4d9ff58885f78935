package org.anaiss.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(1000, clock::get);
    private final RateLimiter.Limit threeThenTwoPerSecond = new RateLimiter.Limit(3, 2);

    @Test
    void burstIsServedThenTheNextRequestIsRefusedWithTheWaitForOneToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refilledTokensAreServedAfterTheAnnouncedWait() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        }
        RateLimiter.Decision refused = limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        clock.addAndGet(refused.retryAfter().toNanos());
        assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isTrue();
        assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isFalse();
    }

    @Test
    void clientsAndGroupsHaveBucketsOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        }
        assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isFalse();
        assertThat(limiter.acquire("cases", "user:b", threeThenTwoPerSecond).allowed()).isTrue();
        assertThat(limiter.acquire("stats", "user:a", threeThenTwoPerSecond).allowed()).isTrue();
    }

    @Test
    void aQuietClientNeverGetsMoreThanTheBurst() {
        limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        clock.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isTrue();
        }
        assertThat(limiter.acquire("cases", "user:a", threeThenTwoPerSecond).allowed()).isFalse();
    }

    @Test
    void sweepForgetsOnlyBucketsThatAreFullAgain() {
        limiter.acquire("cases", "user:a", threeThenTwoPerSecond);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        for (int i = 0; i < 3; i++) {
            limiter.acquire("cases", "user:b", threeThenTwoPerSecond);
        }
        limiter.sweep();
        assertThat(limiter.tracked()).isEqualTo(1);
    }

    @Test
    void pastTheTrackingBoundNewClientsAreLetThroughRatherThanLockedOut() {
        RateLimiter small = new RateLimiter(2, clock::get);
        RateLimiter.Limit one = new RateLimiter.Limit(1, 0.001);
        small.acquire("public", "address:1", one);
        small.acquire("public", "address:2", one);
        assertThat(small.acquire("public", "address:1", one).allowed()).isFalse();
        assertThat(small.acquire("public", "address:3", one).allowed()).isTrue();
        assertThat(small.acquire("public", "address:3", one).allowed()).isTrue();
        assertThat(small.tracked()).isEqualTo(2);
    }
}
