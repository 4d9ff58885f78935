package org.anaiss.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.anaiss.gateway.resilience.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong clock = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker("case-service", 3, Duration.ofSeconds(10), clock::get);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
    }

    @Test
    void opensAfterConsecutiveFailuresAndRefusesCallsUntilTheOpenDurationIsOver() {
        fail(3);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        fail(2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void afterTheOpenDurationOneTrialGoesThroughAndItsSuccessCloses() {
        fail(3);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("a second call while the trial runs").isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensAgainForAWholeOpenDuration() {
        fail(3);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void anAbandonedTrialLetsTheNextCallTry() {
        fail(3);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onAbandoned();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aClosedBreakerAnnouncesNoWait() {
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ZERO);
    }
}
