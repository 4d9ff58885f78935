package org.anaiss.gateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request comes from, as far as the proxies in front of the gateway can be trusted. With
 * {@code trustedHops} = 0 the socket's peer; with n the n-th address from the right of
 * {@code X-Forwarded-For}: each proxy appends the address it saw, so entries left of those are the
 * client's own claims and are never used.
 */
public final class ClientAddress {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request, int trustedHops) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return resolve(peer, request.headers().getAll("X-Forwarded-For"), trustedHops);
    }

    /** The client address from the socket's peer and the {@code X-Forwarded-For} headers received. */
    static String resolve(String peer, List<String> forwardedFor, int trustedHops) {
        if (trustedHops <= 0) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    chain.add(entry.trim());
                }
            }
        }
        if (chain.size() < trustedHops) {
            // not through every trusted proxy: only the peer is known for sure
            return peer;
        }
        String address = chain.get(chain.size() - trustedHops);
        return IP.matcher(address).matches() ? address : peer;
    }

    /** Whether the client reached the first trusted hop (or the gateway itself) over TLS. */
    public static boolean overTls(HttpServerRequest request, int trustedHops) {
        if (request.isSSL()) {
            return true;
        }
        if (trustedHops <= 0) {
            return false;
        }
        List<String> protos = request.headers().getAll("X-Forwarded-Proto");
        if (protos.isEmpty()) {
            return false;
        }
        String last = protos.get(protos.size() - 1);
        int comma = last.lastIndexOf(',');
        return "https".equalsIgnoreCase(last.substring(comma + 1).trim());
    }
}
