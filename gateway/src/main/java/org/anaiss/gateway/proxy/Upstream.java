package org.anaiss.gateway.proxy;

import java.net.URI;

/** A service behind the gateway: a name for problems and logs, and where it listens. */
record Upstream(String name, String host, int port, boolean tls) {

    static Upstream of(String name, String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : (tls ? 443 : 80);
        return new Upstream(name, uri.getHost(), port, tls);
    }
}
