package org.anaiss.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpMethod;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100));

    @Test
    void whenNothingWasSentEveryIdempotentMethodIsRetriedButNotPostOrPatch() {
        for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
                HttpMethod.DELETE }) {
            assertThat(policy.retryAfterConnectFailure(method, 0)).as(method.name()).isTrue();
        }
        assertThat(policy.retryAfterConnectFailure(HttpMethod.POST, 0)).isFalse();
        assertThat(policy.retryAfterConnectFailure(HttpMethod.PATCH, 0)).isFalse();
    }

    @Test
    void onceSentOnlyBodilessSafeMethodsAreRetried() {
        assertThat(policy.retryAfterSending(HttpMethod.GET, false, 0)).isTrue();
        assertThat(policy.retryAfterSending(HttpMethod.GET, true, 0)).isFalse();
        assertThat(policy.retryAfterSending(HttpMethod.PUT, false, 0)).isFalse();
        assertThat(policy.retryAfterSending(HttpMethod.DELETE, false, 0)).isFalse();
        assertThat(policy.retryAfterSending(HttpMethod.POST, false, 0)).isFalse();
    }

    @Test
    void retriesAreBounded() {
        assertThat(policy.retryAfterConnectFailure(HttpMethod.GET, 1)).isTrue();
        assertThat(policy.retryAfterConnectFailure(HttpMethod.GET, 2)).isFalse();
        assertThat(policy.retryAfterSending(HttpMethod.GET, false, 2)).isFalse();
        assertThat(new RetryPolicy(0, Duration.ofMillis(100)).retryAfterConnectFailure(HttpMethod.GET, 0)).isFalse();
    }

    @Test
    void theWaitDoublesWithJitterWithinBounds() {
        for (int i = 0; i < 50; i++) {
            assertThat(policy.delayMillis(1)).isBetween(50L, 100L);
            assertThat(policy.delayMillis(2)).isBetween(100L, 200L);
        }
    }
}
