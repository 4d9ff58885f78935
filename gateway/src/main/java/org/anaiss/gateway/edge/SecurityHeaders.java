package org.anaiss.gateway.edge;

import java.util.Locale;

import org.anaiss.gateway.config.GatewayConfig;

import io.vertx.core.MultiMap;

/**
 * Headers on every answer, whoever wrote it (a service, the gateway, the authentication layer).
 * {@code Cache-Control: no-store} keeps personal data out of browser and proxy caches; HSTS only on
 * answers to requests that came over TLS (a browser ignores it otherwise, and it must not be promised
 * for a host reached in clear).
 */
public final class SecurityHeaders {

    /** For JSON answers: nothing may be loaded or framed in their name. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    /** For the documentation pages (Swagger UI): its own scripts and styles, data: images, same-origin calls. */
    public static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String NO_STORE = "no-store";

    private final String hsts;

    public SecurityHeaders(GatewayConfig.SecurityHeaders config) {
        this.hsts = "max-age=" + config.hstsMaxAge().toSeconds() + (config.hstsIncludeSubdomains() ? "; includeSubDomains" : "");
    }

    void apply(MultiMap headers, Exchange exchange, boolean api, boolean overTls) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        if (overTls) {
            headers.set("Strict-Transport-Security", hsts);
        }
        if (!api) {
            return;
        }
        headers.set("Content-Security-Policy", exchange.contentSecurityPolicy());
        String cacheControl = headers.get("Cache-Control");
        boolean noStore = cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains(NO_STORE);
        // Personal data: no-store, whatever the service said (it may only have said something stricter).
        // Otherwise the service's own policy stands; without one, no-store all the same.
        if (!noStore && (exchange.personalData() || cacheControl == null)) {
            headers.set("Cache-Control", NO_STORE);
        }
    }
}
