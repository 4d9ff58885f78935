package org.anaiss.gateway.proxy;

import java.net.ConnectException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.anaiss.gateway.edge.ClientAddress;
import org.anaiss.gateway.edge.EdgeRoutes;
import org.anaiss.gateway.edge.Exchange;
import org.anaiss.gateway.edge.Problems;
import org.anaiss.gateway.edge.UnreadBody;
import org.anaiss.gateway.resilience.RetryPolicy;
import org.jboss.logging.Logger;

import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * One request on its way to a service and back, streamed both ways (never buffered). The body is
 * counted as it passes: past the group's limit the service's request is aborted and the client gets
 * 413. The service's time to answer is bounded from the moment it has the whole request (504), a
 * breaker per instance stops calls to a failing instance (503 at once when every instance's is open),
 * and idempotent calls are retried a bounded number of times when that is safe (see {@link RetryPolicy}).
 * The instances of a service are taken in turn; when no connection to one could be had, nothing was
 * sent and the body is still unread, so the request goes to another instance at once, whatever its method.
 *
 * <p>Each attempt that the breaker let through is reported to it exactly once. All callbacks run on
 * the request's event loop, so the state below needs no locking.
 */
final class Forwarding {

    private static final Logger LOG = Logger.getLogger(Forwarding.class);
    // RFC 9110 section 7.6.1: hop-by-hop headers are not forwarded, in either direction.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host");
    // Set by the gateway itself, whatever the client sent; Expect is answered here (see pumpBody).
    private static final Set<String> REPLACED_UPSTREAM = Set.of("expect", "x-request-id", "traceparent", "tracestate",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip");
    // Never forwarded: the staff application's session cookie and CSRF token stay at the gateway (the service
    // gets the user's bearer token instead), and no service uses cookies. Nor the forwarded headers the gateway
    // does not set: the services trust the gateway's, so a client's would choose the host of their Location headers.
    private static final Set<String> DROPPED_UPSTREAM = Set.of("cookie", "x-csrf-token", "x-forwarded-prefix",
            "x-forwarded-ssl", "x-forwarded-server", "x-forwarded-uri");
    // The gateway owns these on its answers.
    private static final Set<String> REPLACED_DOWNSTREAM = Set.of("x-request-id", "strict-transport-security");

    private final RoutingContext rc;
    private final HttpServerRequest request;
    private final RouteGroup group;
    private final Upstream upstream;
    private final HttpClient client;
    private final RetryPolicy retry;
    private final RequestOptions options;
    private final boolean hasBody;
    private final long maxBody;
    private final Set<Instance> tried = new HashSet<>();
    private Instance instance;
    private int retries;
    private boolean permitHeld;
    private boolean finished;
    private boolean aborted;
    private long received;
    private HttpClientRequest current;

    Forwarding(RoutingContext rc, RouteGroup group, HttpClient client, RetryPolicy retry, long maxBody,
            long connectTimeoutMillis, int trustedProxyHops, String bearer) {
        this.rc = rc;
        this.request = rc.request();
        this.group = group;
        this.upstream = group.upstream();
        this.client = client;
        this.retry = retry;
        this.maxBody = maxBody;
        this.hasBody = UnreadBody.announced(request);
        String query = request.query();
        this.options = new RequestOptions()
                .setMethod(request.method())
                // the path the route was chosen on (dot segments resolved), so the service sees the same
                .setURI(rc.normalizedPath() + (query == null ? "" : "?" + query))
                .setConnectTimeout(connectTimeoutMillis)
                .setHeaders(upstreamHeaders(rc, trustedProxyHops, bearer));
    }

    void start() {
        rc.addEndHandler(ar -> {
            if (ar.failed()) {
                clientGone();
            }
        });
        attempt(false);
    }

    /** A new attempt; {@code againTried}: instances this request already tried may be chosen again (a retry after a pause). */
    private void attempt(boolean againTried) {
        if (finished) {
            return;
        }
        Instance chosen = upstream.acquire(tried, againTried);
        if (chosen == null) {
            finished = true;
            long seconds = Math.max(1, (upstream.retryAfter().toMillis() + 999) / 1000);
            Problems.send(rc, 503, "upstream-unavailable", "Service unavailable",
                    upstream.name() + " is failing; the gateway does not call it for a few seconds. Try again later.", seconds);
            return;
        }
        connect(chosen);
    }

    private void connect(Instance chosen) {
        instance = chosen;
        tried.add(chosen);
        permitHeld = true;
        options.setHost(chosen.host()).setPort(chosen.port()).setSsl(chosen.tls());
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                connectFailed(ar.cause());
                return;
            }
            HttpClientRequest upstreamRequest = ar.result();
            if (finished) {
                upstreamRequest.reset();
                settle(Outcome.ABANDONED);
                return;
            }
            send(upstreamRequest);
        });
    }

    private void connectFailed(Throwable cause) {
        // A full pool or a wait for a free connection means the service is busy, not down: no count against it.
        boolean busy = cause instanceof ConnectionPoolTooBusyException || cause instanceof TimeoutException;
        if (!busy) {
            instance.refused();
        }
        settle(busy ? Outcome.ABANDONED : Outcome.FAILURE);
        if (finished) {
            return;
        }
        // nothing reached the service and the body is still unread: another instance may take it, whatever the method
        Instance other = upstream.acquire(tried, false);
        if (other != null) {
            LOG.debugf("request %s: no connection to %s at %s, passed to %s", requestId(), upstream.name(), instance.address(),
                    other.address());
            connect(other);
            return;
        }
        if (!busy && retry.retryAfterConnectFailure(request.method(), retries)) {
            retryLater();
            return;
        }
        finished = true;
        LOG.warnf("request %s: no connection to %s at %s (%s)", requestId(), upstream.name(), instance.address(), failureName(cause));
        Problems.send(rc, 503, "upstream-unavailable", "Service unavailable",
                upstream.name() + " cannot be reached right now; try again later.");
    }

    private void send(HttpClientRequest upstreamRequest) {
        current = upstreamRequest;
        // failures reach responded() through the response; without a handler Vert.x would also log each one
        upstreamRequest.exceptionHandler(e -> {
        });
        upstreamRequest.response().onComplete(ar -> responded(upstreamRequest, ar));
        if (hasBody) {
            pumpBody(upstreamRequest);
        } else {
            upstreamRequest.end();
            upstreamRequest.idleTimeout(group.responseTimeoutMillis());
            request.resume();
        }
    }

    private void pumpBody(HttpClientRequest upstreamRequest) {
        if (!request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            upstreamRequest.setChunked(true);
        }
        // The checks a client waits for before sending its body are done (token, rate, declared size)
        // and the service accepted the connection: let the body come.
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.handler(buffer -> {
            received += buffer.length();
            if (received > maxBody) {
                tooLargeWhileStreaming(upstreamRequest);
                return;
            }
            upstreamRequest.write(buffer);
            if (upstreamRequest.writeQueueFull()) {
                request.pause();
                upstreamRequest.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> clientGone());
        request.endHandler(v -> {
            if (!aborted) {
                upstreamRequest.end();
                // the service's time to answer starts once it has the whole request
                upstreamRequest.idleTimeout(group.responseTimeoutMillis());
            }
        });
        request.resume();
    }

    private void tooLargeWhileStreaming(HttpClientRequest upstreamRequest) {
        finished = true;
        aborted = true;
        // the service gets an aborted request, never a complete oversized one
        upstreamRequest.reset();
        settle(Outcome.ABANDONED);
        tooLarge(rc, maxBody);
    }

    private void responded(HttpClientRequest upstreamRequest, AsyncResult<HttpClientResponse> ar) {
        if (finished) {
            return;
        }
        if (ar.failed()) {
            Throwable cause = ar.cause();
            settle(Outcome.FAILURE);
            if (cause instanceof TimeoutException) {
                finished = true;
                LOG.warnf("request %s: %s did not answer within %d ms", requestId(), upstream.name(), group.responseTimeoutMillis());
                Problems.send(rc, 504, "upstream-timeout", "Service did not answer in time",
                        upstream.name() + " did not answer in time; the request may or may not have been carried out.");
                return;
            }
            if (retry.retryAfterSending(request.method(), hasBody, retries)) {
                retryLater();
                return;
            }
            finished = true;
            LOG.warnf("request %s: %s closed the connection without answering (%s)", requestId(), upstream.name(), failureName(cause));
            Problems.send(rc, 502, "bad-gateway", "Bad gateway",
                    upstream.name() + " closed the connection without a complete answer.");
            return;
        }
        HttpClientResponse response = ar.result();
        instance.reached();
        int status = response.statusCode();
        boolean unhealthy = status == 502 || status == 503 || status == 504;
        settle(unhealthy ? Outcome.FAILURE : Outcome.SUCCESS);
        if ((status == 502 || status == 503) && retry.retryAfterSending(request.method(), hasBody, retries)) {
            // read and drop the service's error, so its connection goes back to the pool
            response.body().onComplete(x -> retryLater());
            return;
        }
        finished = true;
        relay(upstreamRequest, response);
    }

    private void relay(HttpClientRequest upstreamRequest, HttpClientResponse upstreamResponse) {
        HttpServerResponse response = rc.response();
        if (response.closed() || response.ended()) {
            upstreamRequest.reset();
            return;
        }
        int status = upstreamResponse.statusCode();
        response.setStatusCode(status);
        if (request.version() != HttpVersion.HTTP_2 && upstreamResponse.statusMessage() != null) {
            response.setStatusMessage(upstreamResponse.statusMessage());
        }
        copyHeaders(upstreamResponse.headers(), response.headers(), REPLACED_DOWNSTREAM);
        boolean bodyless = request.method() == HttpMethod.HEAD || status == 204 || status == 304 || status < 200;
        if (!bodyless && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        // the service answered before the client finished sending (an early refusal): the connection cannot be reused
        boolean bodyStillComing = UnreadBody.pending(rc);
        upstreamResponse.pipe().endOnFailure(false).to(response).onComplete(done -> {
            if (done.failed()) {
                // cut short on either side: abort both, never end an answer that looks complete but is not
                upstreamRequest.reset();
                if (!response.ended()) {
                    response.reset();
                }
            } else if (bodyStillComing) {
                UnreadBody.discardThenClose(rc);
            }
        });
    }

    private void retryLater() {
        retries++;
        current = null;
        rc.vertx().setTimer(retry.delayMillis(retries), id -> attempt(true));
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        aborted = true;
        if (current != null) {
            current.reset();
        }
        settle(Outcome.ABANDONED);
    }

    private enum Outcome { SUCCESS, FAILURE, ABANDONED }

    private void settle(Outcome outcome) {
        if (!permitHeld) {
            return;
        }
        permitHeld = false;
        switch (outcome) {
            case SUCCESS -> instance.breaker().onSuccess();
            case FAILURE -> instance.breaker().onFailure();
            default -> instance.breaker().onAbandoned();
        }
    }

    static void tooLarge(RoutingContext rc, long maxBody) {
        Problems.send(rc, 413, "payload-too-large", "Request body too large",
                "This call accepts a body of at most " + humanBytes(maxBody) + "; the request was not passed on.");
    }

    private String requestId() {
        Exchange exchange = Exchange.of(rc);
        return exchange == null ? "-" : exchange.requestId();
    }

    private static String failureName(Throwable cause) {
        return cause instanceof ConnectException ? "connection refused" : cause.getClass().getSimpleName();
    }

    private static String humanBytes(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static MultiMap upstreamHeaders(RoutingContext rc, int trustedProxyHops, String bearer) {
        HttpServerRequest request = rc.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(request.headers(), headers, REPLACED_UPSTREAM);
        DROPPED_UPSTREAM.forEach(headers::remove);
        if (bearer != null) {
            // a call of the staff application: the signed-in user's own token
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        Exchange exchange = Exchange.of(rc);
        headers.set(EdgeRoutes.REQUEST_ID_HEADER, exchange.requestId());
        headers.set("traceparent", exchange.trace().traceparent());
        if (exchange.trace().tracestate() != null) {
            headers.set("tracestate", exchange.trace().tracestate());
        }
        headers.set("X-Forwarded-For", ClientAddress.of(request, trustedProxyHops));
        headers.set("X-Forwarded-Proto", ClientAddress.overTls(request, trustedProxyHops) ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        return headers;
    }

    /** Copies end-to-end headers: not hop-by-hop, not named in Connection, not among {@code replaced}. */
    private static void copyHeaders(MultiMap from, MultiMap to, Set<String> replaced) {
        Set<String> connectionTokens = new HashSet<>();
        for (String value : from.getAll(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                connectionTokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        from.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // CORS is the gateway's alone: a service's own grants never reach a browser
            if (!HOP_BY_HOP.contains(name) && !replaced.contains(name) && !connectionTokens.contains(name)
                    && !name.startsWith("access-control-")) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
