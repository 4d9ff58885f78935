package org.anaiss.gateway.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one service. Closed: every call goes through; after {@code failureThreshold}
 * consecutive failures it opens, and for {@code openDuration} calls are refused at once (the gateway
 * answers 503 without waiting for a service that is down). Then one trial call goes through
 * (half-open): its success closes the breaker, its failure opens it again.
 *
 * <p>Written here rather than taken from a library because the proxy streams: a call's outcome is
 * known when the service's answer (or its absence) is, not when a future of a whole body completes.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntil;
    private boolean trialInFlight;

    public CircuitBreaker(String name, int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    public String name() {
        return name;
    }

    /**
     * Asks to make a call. A granted call must be reported exactly once: {@link #onSuccess()},
     * {@link #onFailure()} or, when it ended without telling anything about the service (the client
     * went away), {@link #onAbandoned()}.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (nanoClock.getAsLong() - openUntil < 0) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        consecutiveFailures++;
        if (state == State.CLOSED && consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    /** A granted call that ended without an outcome: a trial slot is given back. */
    public synchronized void onAbandoned() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    /** Time until an open breaker lets a trial call through; zero when it is not open. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openUntil - nanoClock.getAsLong()));
    }

    public synchronized State state() {
        return state;
    }

    private void open() {
        state = State.OPEN;
        openUntil = nanoClock.getAsLong() + openNanos;
        trialInFlight = false;
        consecutiveFailures = 0;
    }
}
