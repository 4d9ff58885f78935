package org.anaiss.gateway.web.assets;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.web.pages.Html;
import org.anaiss.gateway.web.session.SessionCrypto;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The suite's look, served by the gateway at stable paths for every page of the suite (the staff
 * application, and the public pages other services render): {@code /assets/anaiss.css} (design tokens
 * and base stylesheet, built from npm by the Maven build), {@code /assets/app.js}, {@code /assets/logo.svg}.
 * Held in memory, gzipped once. At the stable path a browser keeps a file an hour and then asks again
 * (ETag); with {@code ?v=} and the current version, a year.
 */
@ApplicationScoped
public class WebAssets {

    public static final String PREFIX = "/assets/";
    private static final Map<String, String> TYPES = Map.of("css", "text/css; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    private record Asset(Buffer plain, Buffer gzipped, String etag, String contentType) {
    }

    private final Map<String, Asset> assets = new ConcurrentHashMap<>();
    private final String version;

    public WebAssets() {
        StringBuilder all = new StringBuilder();
        for (String name : new String[] { "anaiss.css", "app.js", "logo.svg" }) {
            byte[] bytes = read("web-assets/" + name);
            String etag = HexFormat.of().formatHex(SessionCrypto.sha256(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .substring(0, 16);
            all.append(etag);
            String ext = name.substring(name.lastIndexOf('.') + 1);
            assets.put(name, new Asset(Buffer.buffer(bytes), Buffer.buffer(Html.gzip(bytes)), "\"" + etag + "\"", TYPES.get(ext)));
        }
        this.version = HexFormat.of().formatHex(SessionCrypto.sha256(all.toString())).substring(0, 12);
    }

    /** Changes whenever any asset does: pages link {@code /assets/anaiss.css?v=} this. */
    public String version() {
        return version;
    }

    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, "^/assets/([a-z.]+)$").handler(this::serve);
        router.routeWithRegex(HttpMethod.HEAD, "^/assets/([a-z.]+)$").handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        Asset asset = assets.get(rc.pathParam("param0"));
        if (asset == null) {
            rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
            return;
        }
        var response = rc.response();
        boolean versioned = version.equals(rc.request().getParam("v"));
        response.putHeader("Content-Type", asset.contentType())
                .putHeader("ETag", asset.etag())
                .putHeader("Vary", "Accept-Encoding")
                .putHeader("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600");
        if (asset.etag().equals(rc.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        String accept = rc.request().getHeader("Accept-Encoding");
        Buffer body = accept != null && accept.contains("gzip") ? asset.gzipped() : asset.plain();
        if (body == asset.gzipped()) {
            response.putHeader("Content-Encoding", "gzip");
        }
        if (rc.request().method() == HttpMethod.HEAD) {
            response.putHeader("Content-Length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gateway: the Maven build writes it "
                        + "(gateway/src/main/web, with Node and npm)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
