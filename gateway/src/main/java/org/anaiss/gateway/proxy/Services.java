package org.anaiss.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.gateway.config.GatewayConfig;
import org.anaiss.gateway.resilience.CircuitBreaker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * The services behind the gateway and the HTTP clients that reach them: one client (a connection
 * pool per service) per event loop. Vert.x's shared pool hands any free connection to any event loop,
 * and a connection owned by another loop costs two thread hand-offs per request; with a client per
 * loop, a request and its connection to the service stay on one thread.
 */
@ApplicationScoped
public class Services {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions poolOptions;
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();
    private final HttpClient shared;
    private final Upstream cases;
    private final Upstream outreach;
    private final Upstream stats;

    public Services(Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.options = new HttpClientOptions()
                .setKeepAlive(true)
                // shorter than the services' own idle timeout, so the gateway never reuses a connection they are closing
                .setKeepAliveTimeout(30)
                .setConnectTimeout((int) config.connectTimeout().toMillis());
        this.poolOptions = new PoolOptions()
                .setHttp1MaxSize(config.maxConnectionsPerService())
                .setMaxWaitQueueSize(config.maxWaitingRequestsPerService());
        this.shared = vertx.createHttpClient(options, poolOptions);
        GatewayConfig.Upstreams lists = config.upstreams();
        this.cases = upstream("case-service", lists.cases().orElse(List.of(config.caseServiceUrl())), config, registry);
        this.outreach = upstream("outreach-service", lists.outreach().orElse(List.of(config.outreachServiceUrl())), config, registry);
        this.stats = upstream("stats-service", lists.stats().orElse(List.of(config.statsServiceUrl())), config, registry);
    }

    private static Upstream upstream(String name, List<String> urls, GatewayConfig config, MeterRegistry registry) {
        List<Instance> instances = new ArrayList<>();
        for (String url : urls) {
            if (url.isBlank()) {
                continue;
            }
            CircuitBreaker breaker = new CircuitBreaker(name, config.circuitBreaker().failureThreshold(),
                    config.circuitBreaker().openDuration(), System::nanoTime);
            Instance instance = Instance.of(url, breaker, config.upstreams().restAfterRefusal(), System::nanoTime);
            // 0 closed, 1 open, 2 half-open
            Gauge.builder("anaiss.gateway.circuit.state", breaker, b -> b.state().ordinal())
                    .tag("upstream", name).tag("instance", instance.address())
                    .description("State of the circuit breaker to an instance of a service: 0 closed, 1 open, 2 half-open")
                    .register(registry);
            instances.add(instance);
        }
        return new Upstream(name, instances);
    }

    /** The client of the calling event loop (a shared one off the event loops). */
    public HttpClient client() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return perEventLoop.computeIfAbsent(Thread.currentThread(), thread -> vertx.createHttpClient(options, poolOptions));
    }

    public Upstream cases() {
        return cases;
    }

    public Upstream outreach() {
        return outreach;
    }

    public Upstream stats() {
        return stats;
    }
}
