package org.anaiss.gateway.proxy;

import java.net.URI;

import org.anaiss.gateway.resilience.CircuitBreaker;

/** A service behind the gateway: a name for problems and logs, where it listens, and its circuit breaker. */
public record Upstream(String name, String host, int port, boolean tls, CircuitBreaker breaker) {

    static Upstream of(String name, String baseUrl, CircuitBreaker breaker) {
        URI uri = URI.create(baseUrl);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : (tls ? 443 : 80);
        return new Upstream(name, uri.getHost(), port, tls, breaker);
    }
}
