package org.anaiss.gateway.openapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.anaiss.gateway.proxy.Instance;
import org.anaiss.gateway.proxy.Services;
import org.anaiss.gateway.proxy.Upstream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * The merged OpenAPI document, rebuilt from the services' own ({@code /q/openapi?format=json}) when
 * it is older than the refresh interval, or sooner while a service's document is missing (at most
 * once per retry interval). One fetch at a time; a service that is down or slow only makes its part
 * missing (or stale: its last good document is kept), never the whole document.
 */
@ApplicationScoped
public class OpenApiCatalog {

    private static final Logger LOG = Logger.getLogger(OpenApiCatalog.class);
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private record Fetched(JsonObject document, Instant at) {
    }

    private record ServiceEntry(Upstream upstream, String label, List<String> prefixes) {
    }

    private final Services services;
    private final GatewayConfig config;
    private final Vertx vertx;
    private final String version;
    private final List<ServiceEntry> entries;
    private final Map<String, Fetched> lastGood = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lastFailed = new ConcurrentHashMap<>();
    private JsonObject merged;
    private long mergedAt;
    private long attemptedAt;
    private Future<JsonObject> inFlight;

    public OpenApiCatalog(Services services, GatewayConfig config, Vertx vertx,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
        this.services = services;
        this.config = config;
        this.vertx = vertx;
        this.version = version;
        this.entries = List.of(
                new ServiceEntry(services.cases(), "Case files", List.of("/api/cases")),
                new ServiceEntry(services.outreach(), "Outreach", List.of("/api/outreach", "/api/partners")),
                new ServiceEntry(services.stats(), "Statistics", List.of("/api/stats")));
    }

    void prefetch(@Observes StartupEvent event) {
        // warm the cache without delaying the start; a service not up yet is retried on demand
        vertx.setTimer(2_000, id -> document());
    }

    /** The current merged document: from the cache, or after one round of fetches. */
    public synchronized Future<JsonObject> document() {
        long now = System.nanoTime();
        boolean complete = entries.stream().noneMatch(e -> Boolean.TRUE.equals(lastFailed.get(e.upstream().name())));
        boolean young = merged != null && now - mergedAt < config.openapi().refreshInterval().toNanos();
        boolean recentlyTried = now - attemptedAt < config.openapi().retryInterval().toNanos();
        if (young && (complete || recentlyTried)) {
            return Future.succeededFuture(merged);
        }
        if (inFlight != null) {
            return inFlight;
        }
        attemptedAt = now;
        Future<JsonObject> round = Future.join(entries.stream().map(this::fetch).toList())
                .transform(ignored -> Future.succeededFuture(publish()));
        inFlight = round;
        round.onComplete(ar -> clearInFlight());
        return round;
    }

    private synchronized void clearInFlight() {
        inFlight = null;
    }

    private synchronized JsonObject publish() {
        List<OpenApiMerger.Source> sources = entries.stream().map(e -> {
            Fetched fetched = lastGood.get(e.upstream().name());
            OpenApiMerger.Status status = fetched == null ? OpenApiMerger.Status.MISSING
                    : Boolean.TRUE.equals(lastFailed.get(e.upstream().name())) ? OpenApiMerger.Status.STALE
                            : OpenApiMerger.Status.CURRENT;
            return new OpenApiMerger.Source(e.upstream().name(), e.label(), e.prefixes(),
                    fetched == null ? null : fetched.document(), status, fetched == null ? null : fetched.at());
        }).toList();
        merged = OpenApiMerger.merge(sources, new OpenApiMerger.Settings("ANAISS API", version,
                config.openapi().oidcDiscoveryUrl(), config.publicPaths()));
        mergedAt = System.nanoTime();
        return merged;
    }

    private Future<Void> fetch(ServiceEntry entry) {
        Upstream upstream = entry.upstream();
        Instance instance = upstream.pick();
        long timeout = config.openapi().fetchTimeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(instance.tls())
                .setURI("/q/openapi?format=json")
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .putHeader("Accept", "application/json");
        return services.client().request(options)
                .compose(request -> request.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("status " + response.statusCode());
                    }
                    String length = response.getHeader("Content-Length");
                    if (length != null && Long.parseLong(length) > MAX_DOCUMENT_BYTES) {
                        return Future.failedFuture("document too large");
                    }
                    return response.body();
                })
                .map(body -> {
                    JsonObject document = new JsonObject(body);
                    if (!(document.getValue("paths") instanceof JsonObject)) {
                        throw new IllegalStateException("not an OpenAPI document");
                    }
                    lastGood.put(upstream.name(), new Fetched(document, Instant.now()));
                    lastFailed.put(upstream.name(), Boolean.FALSE);
                    return (Void) null;
                })
                .recover(failure -> {
                    lastFailed.put(upstream.name(), Boolean.TRUE);
                    LOG.infof("OpenAPI document of %s unavailable (%s): listed as %s", upstream.name(),
                            failure.getClass().getSimpleName(), lastGood.containsKey(upstream.name()) ? "stale" : "missing");
                    return Future.succeededFuture();
                });
    }
}
