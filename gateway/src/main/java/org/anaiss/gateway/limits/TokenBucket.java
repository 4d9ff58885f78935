package org.anaiss.gateway.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code perSecond};
 * each request takes one. Refilled lazily from the clock on each use, so an idle bucket costs nothing.
 * Thread-safe (several event loops share a client's bucket).
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, double perSecond, long now) {
        if (capacity < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a bucket needs a capacity of at least 1 and a positive rate");
        }
        this.capacity = capacity;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes one token: 0 if granted, otherwise the nanoseconds until one is available. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }

    /** Whether the bucket is full again at {@code now}: it then holds no state worth keeping. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * perNano);
            refilledAt = now;
        }
    }
}
