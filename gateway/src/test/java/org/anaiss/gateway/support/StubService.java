package org.anaiss.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for a service behind the gateway, with behaviours chosen by the
 * path's last segment: {@code slow} answers after 3 s, {@code unavailable} answers 503,
 * {@code flaky} answers 503 to the first call of a test key ({@code X-Test-Key}) and 200 to the next;
 * anything else reads the whole body and answers 200 with what it received. Every request that
 * reached it completely is recorded; a body cut short is counted as aborted.
 */
public final class StubService {

    /** What the service received, complete. */
    public record Received(String method, String path, String query, long bodyBytes, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String openApiResource;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger aborted = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> flaky = new ConcurrentHashMap<>();

    public StubService(String openApiResource) throws IOException {
        if (openApiResource != null && StubService.class.getResource(openApiResource) == null) {
            // loudly: a stand-in without its document would make the merged document look empty, not broken
            throw new IllegalStateException(openApiResource + " is not on the test class path: build the services in the same run");
        }
        this.openApiResource = openApiResource;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public List<Received> received() {
        return received;
    }

    /** The complete request that carried this request id, or null. */
    public Received byRequestId(String requestId) {
        return received.stream().filter(r -> requestId.equals(r.header("X-Request-Id"))).findFirst().orElse(null);
    }

    public long countPath(String path) {
        return received.stream().filter(r -> r.path().equals(path)).count();
    }

    public int aborted() {
        return aborted.get();
    }

    /** Every request that reached this service, complete or not. */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/q/openapi")) {
                openApi(exchange);
                return;
            }
            long bytes;
            byte[] small;
            try (InputStream in = exchange.getRequestBody()) {
                // the first 8 KiB are kept (the public links' answers), the rest only counted
                small = in.readNBytes(8192);
                bytes = small.length + in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                aborted.incrementAndGet();
                return;
            }
            Map<String, List<String>> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), bytes, headers));
            Object[] link = FakeLinks.answer(exchange.getRequestMethod(), path, new String(small, StandardCharsets.UTF_8));
            if (link != null && path.startsWith("/api/outreach/")) {
                answer(exchange, (Integer) link[0], (String) link[1]);
                return;
            }
            String last = path.substring(path.lastIndexOf('/') + 1);
            switch (last) {
                case "slow" -> {
                    sleep(3_000);
                    answer(exchange, 200, "{\"slow\":true}");
                }
                case "unavailable" -> answer(exchange, 503, "{\"status\":503}");
                case "flaky" -> {
                    String key = exchange.getRequestHeaders().getFirst("X-Test-Key");
                    int n = flaky.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
                    answer(exchange, n == 1 ? 503 : 200, "{\"attempt\":" + n + "}");
                }
                default -> {
                    // a service that sets its own CORS grant and a lax cache policy: the gateway must override both
                    exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
                    exchange.getResponseHeaders().add("Cache-Control", "public, max-age=600");
                    answer(exchange, 200, "{\"path\":\"" + path + "\",\"bodyBytes\":" + bytes + "}");
                }
            }
        }
    }

    private void openApi(HttpExchange exchange) throws IOException {
        if (openApiResource == null) {
            answer(exchange, 404, "{}");
            return;
        }
        try (InputStream in = StubService.class.getResourceAsStream(openApiResource)) {
            answer(exchange, 200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
