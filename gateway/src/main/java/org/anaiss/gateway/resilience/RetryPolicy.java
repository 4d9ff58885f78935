package org.anaiss.gateway.resilience;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.http.HttpMethod;

/**
 * Which failed calls may be made again, and after how long. Only idempotent methods are retried,
 * and a streamed body cannot be replayed: once anything was sent, only bodiless safe methods are.
 */
public final class RetryPolicy {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final int maxRetries;
    private final Duration backoff;

    public RetryPolicy(int maxRetries, Duration backoff) {
        this.maxRetries = Math.max(0, maxRetries);
        this.backoff = backoff;
    }

    /** No connection could be had: nothing reached the service and the body is still unread. */
    public boolean retryAfterConnectFailure(HttpMethod method, int retriesDone) {
        return retriesDone < maxRetries && IDEMPOTENT.contains(method);
    }

    /** The request was sent, then the connection closed or the service answered 502/503. */
    public boolean retryAfterSending(HttpMethod method, boolean hasBody, int retriesDone) {
        return retriesDone < maxRetries && !hasBody && SAFE.contains(method);
    }

    /** Wait before retry number {@code retry} (1-based): the backoff doubled each time, with jitter. */
    public long delayMillis(int retry) {
        long base = backoff.toMillis() << Math.min(retry - 1, 10);
        return Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
