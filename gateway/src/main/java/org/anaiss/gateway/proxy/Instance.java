package org.anaiss.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.anaiss.gateway.resilience.CircuitBreaker;

/**
 * One instance of a service: where it listens, its own circuit breaker, and its passive health. An
 * instance that refused a connection rests for a short time: the round robin passes over it while
 * another instance is available, so one killed replica costs one refused connection, not one per request.
 */
public final class Instance {

    private final String host;
    private final int port;
    private final boolean tls;
    private final CircuitBreaker breaker;
    private final long restNanos;
    private final LongSupplier nanoClock;
    private volatile long restingUntil;
    private volatile boolean resting;

    Instance(String host, int port, boolean tls, CircuitBreaker breaker, Duration rest, LongSupplier nanoClock) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.breaker = breaker;
        this.restNanos = rest.toNanos();
        this.nanoClock = nanoClock;
    }

    static Instance of(String baseUrl, CircuitBreaker breaker, Duration rest, LongSupplier nanoClock) {
        URI uri = URI.create(baseUrl.trim());
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + baseUrl);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : (tls ? 443 : 80);
        return new Instance(uri.getHost(), port, tls, breaker, rest, nanoClock);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean tls() {
        return tls;
    }

    /** host:port, the label of this instance's metric. */
    public String address() {
        return host + ":" + port;
    }

    public String baseUrl() {
        return (tls ? "https://" : "http://") + address();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The instance refused a connection: passed over for the rest time. */
    public void refused() {
        restingUntil = nanoClock.getAsLong() + restNanos;
        resting = true;
    }

    /** A call reached the instance: it is back in turn at once. */
    public void reached() {
        resting = false;
    }

    public boolean resting() {
        return resting && nanoClock.getAsLong() - restingUntil < 0;
    }
}
