package org.anaiss.gateway.web.pages;

import java.net.ConnectException;
import java.util.List;
import java.util.function.Function;

import org.anaiss.gateway.edge.Exchange;
import org.anaiss.gateway.proxy.Instance;
import org.anaiss.gateway.proxy.Upstream;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * case-service's JSON API as the pages call it: with the signed-in user's own access token (the
 * service checks role and scope itself), the request id and trace context of the page's request, and
 * its answers read into {@link Api} records. A refusal comes back as the service's problem, never as
 * an exception, so a page can say it in words.
 */
public final class CaseApi {

    /** What a call gave: a value, or the service's problem. */
    public record Result<T>(T value, Api.Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private static final Logger LOG = Logger.getLogger(CaseApi.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final long TIMEOUT_MILLIS = 15_000;

    private final WebClient client;
    private final Upstream service;

    public CaseApi(WebClient client, Upstream service) {
        this.client = client;
        this.service = service;
    }

    public <T> Future<Result<T>> get(RoutingContext rc, String token, String path, MultiMap query, Class<T> type) {
        HttpRequest<Buffer> request = request(rc, HttpMethod.GET, token, path);
        if (query != null) {
            query.forEach(e -> request.addQueryParam(e.getKey(), e.getValue()));
        }
        return sendToAnInstance(request, HttpRequest::send).map(r -> read(r, JSON.constructType(type)));
    }

    public <T> Future<Result<List<T>>> list(RoutingContext rc, String token, String path, Class<T> type) {
        JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, type);
        return sendToAnInstance(request(rc, HttpMethod.GET, token, path), HttpRequest::send).map(r -> read(r, listType));
    }

    /** A JSON body to the service (POST, PUT); {@code body} null sends none. */
    public <T> Future<Result<T>> send(RoutingContext rc, HttpMethod method, String token, String path, Object body, Class<T> type) {
        HttpRequest<Buffer> request = request(rc, method, token, path);
        Future<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = sendToAnInstance(request, HttpRequest::send);
        } else {
            try {
                Buffer json = Buffer.buffer(JSON.writeValueAsBytes(body));
                sent = sendToAnInstance(request.putHeader("Content-Type", "application/json"), r -> r.sendBuffer(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Future.failedFuture(e);
            }
        }
        return sent.map(r -> read(r, JSON.constructType(type)));
    }

    private HttpRequest<Buffer> request(RoutingContext rc, HttpMethod method, String token, String path) {
        HttpRequest<Buffer> request = client.request(method, path).timeout(TIMEOUT_MILLIS)
                .putHeader("Accept", "application/json");
        if (token != null) {
            // null for outreach-service's public links, whose key is the token in the path
            request.putHeader("Authorization", "Bearer " + token);
        }
        Exchange exchange = Exchange.of(rc);
        if (exchange != null) {
            // the service's audit records and traces name the page's request
            request.putHeader("X-Request-Id", exchange.requestId()).putHeader("traceparent", exchange.trace().traceparent());
        }
        return request;
    }

    /**
     * Sent to the service's next instance in turn; when that one refuses the connection nothing was sent,
     * so it rests and the request goes to the next one (once).
     */
    private Future<HttpResponse<Buffer>> sendToAnInstance(HttpRequest<Buffer> request,
            Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> send) {
        Instance first = service.pick();
        return send.apply(at(request, first)).recover(e -> {
            if (!(e instanceof ConnectException)) {
                return Future.failedFuture(e);
            }
            first.refused();
            Instance next = service.pick();
            return next == first ? Future.<HttpResponse<Buffer>>failedFuture(e) : send.apply(at(request, next));
        });
    }

    private static HttpRequest<Buffer> at(HttpRequest<Buffer> request, Instance instance) {
        return request.host(instance.host()).port(instance.port()).ssl(instance.tls());
    }

    private static <T> Result<T> read(HttpResponse<Buffer> r, JavaType type) {
        Buffer body = r.body();
        try {
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                return new Result<>(body == null || type.getRawClass() == Void.class ? null : JSON.readValue(body.getBytes(), type), null);
            }
            String contentType = r.getHeader("Content-Type");
            if (body != null && contentType != null && contentType.contains("json")) {
                return new Result<>(null, JSON.readValue(body.getBytes(), Api.Problem.class));
            }
        } catch (java.io.IOException e) {
            LOG.warnf("case-service answered %d with a body the pages cannot read (%s)", r.statusCode(), e.getClass().getSimpleName());
        }
        return new Result<>(null, Api.Problem.of(r.statusCode(), "unreadable-answer", null));
    }
}
