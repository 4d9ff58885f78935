package org.anaiss.gateway.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.edge.Exchange;
import org.anaiss.gateway.edge.Problems;
import org.anaiss.gateway.edge.SecurityHeaders;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The suite's API documentation, under /api/ so that the ingress publishes it with the API:
 * {@code /api/openapi.json} (also {@code /q/openapi} inside the cluster) and Swagger UI at
 * {@code /api/docs/}, served from the SmallRye OpenAPI UI bundle with a page of our own whose
 * script is a file, so the content security policy needs no inline script.
 */
@ApplicationScoped
public class DocsRoutes {

    private static final String UI_BUNDLE = "META-INF/resources/openapi-ui/";
    private static final String OWN = "docs/";
    /** File name, then where it comes from and its media type. */
    private static final Map<String, String[]> FILES = Map.of(
            "index.html", new String[] { OWN + "index.html", "text/html; charset=utf-8" },
            "docs.js", new String[] { OWN + "docs.js", "text/javascript; charset=utf-8" },
            "swagger-ui.css", new String[] { UI_BUNDLE + "swagger-ui.css", "text/css; charset=utf-8" },
            "style.css", new String[] { UI_BUNDLE + "style.css", "text/css; charset=utf-8" },
            "swagger-ui-bundle.js", new String[] { UI_BUNDLE + "swagger-ui-bundle.js", "text/javascript; charset=utf-8" },
            "swagger-ui-standalone-preset.js", new String[] { UI_BUNDLE + "swagger-ui-standalone-preset.js",
                    "text/javascript; charset=utf-8" },
            "favicon.ico", new String[] { UI_BUNDLE + "favicon.ico", "image/x-icon" });

    private final OpenApiCatalog catalog;
    private final Map<String, Buffer> loaded = new ConcurrentHashMap<>();

    public DocsRoutes(OpenApiCatalog catalog) {
        this.catalog = catalog;
    }

    void register(@Observes Router router) {
        router.route(HttpMethod.GET, "/api/openapi.json").handler(this::document);
        router.route(HttpMethod.GET, "/q/openapi").handler(this::document);
        // exact: a plain route would match "/api/docs/" too
        router.routeWithRegex(HttpMethod.GET, "^/api/docs$").handler(rc -> rc.redirect("/api/docs/"));
        router.route(HttpMethod.GET, "/api/docs/").handler(rc -> file(rc, "index.html"));
        router.routeWithRegex(HttpMethod.GET, "^/api/docs/([a-z.-]+)$").handler(rc -> file(rc, rc.pathParam("param0")));
        // The UI bundle's own copies would otherwise be served at the root, outside these headers.
        router.routeWithRegex("^/(openapi-ui|template)(/.*)?$").handler(rc -> rc.response().setStatusCode(404).end());
    }

    private void document(RoutingContext rc) {
        Exchange.of(rc).routedTo("docs", null, false);
        catalog.document().onComplete(ar -> {
            if (ar.failed()) {
                Problems.send(rc, 503, "documentation-unavailable", "Documentation unavailable",
                        "The API documentation cannot be assembled right now; try again later.");
                return;
            }
            rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache")
                    .end(ar.result().toBuffer());
        });
    }

    private void file(RoutingContext rc, String name) {
        Exchange exchange = Exchange.of(rc);
        exchange.routedTo("docs", null, false);
        exchange.page(SecurityHeaders.DOCS_CSP);
        String[] file = FILES.get(name);
        if (file == null) {
            Problems.send(rc, 404, "not-found", "Not found", "No such documentation file.");
            return;
        }
        Buffer cached = loaded.get(name);
        if (cached != null) {
            send(rc, file[1], cached);
            return;
        }
        rc.vertx().executeBlocking(() -> read(file[0])).onComplete(ar -> {
            if (ar.failed() || ar.result() == null) {
                Problems.send(rc, 404, "not-found", "Not found", "No such documentation file.");
                return;
            }
            loaded.put(name, ar.result());
            send(rc, file[1], ar.result());
        });
    }

    private static void send(RoutingContext rc, String type, Buffer content) {
        rc.response().putHeader("Content-Type", type).putHeader("Cache-Control", "public, max-age=3600").end(content);
    }

    private static Buffer read(String resource) throws IOException {
        try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        }
    }
}
