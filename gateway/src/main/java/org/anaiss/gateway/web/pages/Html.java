package org.anaiss.gateway.web.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** How a page is answered: HTML, never cached (personal data), its own Content-Security-Policy, gzip when accepted. */
public final class Html {

    private Html() {
    }

    /**
     * Nothing but the gateway's own scripts, styles and images; forms go to the gateway, or to Keycloak
     * when signing out ({@code keycloakOrigin}).
     */
    static String csp(String keycloakOrigin, String logoOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:" + (logoOrigin == null ? "" : " " + logoOrigin)
                + "; connect-src 'self'; form-action 'self' " + keycloakOrigin
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static void send(RoutingContext rc, int status, String html, String csp) {
        HttpServerResponse response = rc.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", csp)
                .putHeader("Vary", "Accept-Encoding");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        if (acceptsGzip(rc) && body.length > 1024) {
            response.putHeader("Content-Encoding", "gzip");
            body = gzip(body);
        }
        response.end(Buffer.buffer(body));
    }

    static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
    }

    static boolean acceptsGzip(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept-Encoding");
        return accept != null && accept.contains("gzip");
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException("gzip in memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
