package org.anaiss.gateway.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per (route group, client), in this instance's memory: with N gateway replicas a
 * client may get up to N times the configured rate (docs/gateway.md). Buckets that have refilled
 * completely are forgotten by {@link #sweep()}; past {@code maxTracked} clients a new one is let
 * through untracked, so a flood of distinct addresses cannot lock out the clients already known.
 */
public final class RateLimiter {

    /** The limit of one route group. */
    public record Limit(int burst, double perSecond) {
    }

    /** The answer to one request: allowed, or refused with the time after which a retry will pass. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds for {@code Retry-After}, rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final int maxTracked;
    private final LongSupplier nanoClock;

    public RateLimiter(int maxTracked, LongSupplier nanoClock) {
        this.maxTracked = maxTracked;
        this.nanoClock = nanoClock;
    }

    /** Takes one request from the client's bucket of this group. */
    public Decision acquire(String group, String client, Limit limit) {
        long now = nanoClock.getAsLong();
        String key = group + '|' + client;
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxTracked) {
                return Decision.ALLOWED;
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(limit.burst(), limit.perSecond(), now));
        }
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? Decision.ALLOWED : new Decision(false, Duration.ofNanos(waitNanos));
    }

    /** Forgets the buckets that are full again: a returning client starts with a full bucket anyway. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    /** Clients currently tracked (for tests and metrics). */
    public int tracked() {
        return buckets.size();
    }
}
