package org.anaiss.gateway.web.session;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session ends and when its idle deadline moves. The deadline moves at most once a minute,
 * so a session of someone at work costs one small database write per minute, not one per request.
 */
public final class SessionPolicy {

    /** What to do with a session found for a request. */
    public enum Verdict { USE, USE_AND_EXTEND, ENDED }

    static final Duration EXTEND_STEP = Duration.ofMinutes(1);

    private final Duration idleTimeout;
    private final Duration maxAge;

    public SessionPolicy(Duration idleTimeout, Duration maxAge) {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("anaiss.web.session: idle-timeout must be positive and at most max-age");
        }
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
    }

    public Verdict check(Instant idleUntil, Instant expiresAt, Instant now) {
        if (!now.isBefore(idleUntil) || !now.isBefore(expiresAt)) {
            return Verdict.ENDED;
        }
        // the deadline a request now would set, against the one stored
        Instant wanted = min(now.plus(idleTimeout), expiresAt);
        Duration step = idleTimeout.compareTo(EXTEND_STEP.multipliedBy(2)) < 0 ? Duration.ZERO : EXTEND_STEP;
        return wanted.isAfter(idleUntil.plus(step)) ? Verdict.USE_AND_EXTEND : Verdict.USE;
    }

    public Instant idleUntil(Instant now, Instant expiresAt) {
        return min(now.plus(idleTimeout), expiresAt);
    }

    public Instant expiresAt(Instant signedInAt) {
        return signedInAt.plus(maxAge);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
