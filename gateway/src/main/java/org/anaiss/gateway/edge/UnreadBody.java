package org.anaiss.gateway.edge;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * A request answered before its body was read (401, 413, 429...). The connection cannot be reused
 * while the body is pending, and closing it at once could destroy the answer in the client's buffers
 * (a TCP reset): so the answer says {@code Connection: close}, the rest of the body is read and
 * dropped, and the connection is closed when the body ends or after a short linger, whichever first.
 */
public final class UnreadBody {

    private static final long LINGER_MILLIS = 2_000;

    private UnreadBody() {
    }

    /** Whether the request announced a body (a length above zero, or chunks). */
    public static boolean announced(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length.trim());
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Call before ending the answer: true when {@link #discardThenClose} must follow it. */
    public static boolean pending(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        boolean pending = announced(request) && !request.isEnded();
        if (pending && request.version() != HttpVersion.HTTP_2) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        return pending;
    }

    /** After the answer was written: drop the rest of the body, then let the connection go. */
    public static void discardThenClose(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        Runnable close = () -> {
            if (http1) {
                request.connection().close();
            }
        };
        if (request.isEnded()) {
            close.run();
            return;
        }
        request.handler(buffer -> {
        });
        request.exceptionHandler(e -> {
        });
        request.endHandler(v -> close.run());
        request.resume();
        rc.vertx().setTimer(LINGER_MILLIS, id -> close.run());
    }
}
