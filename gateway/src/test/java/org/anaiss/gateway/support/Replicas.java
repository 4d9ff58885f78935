package org.anaiss.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * stats-service as three instances: two stand-ins and, between them, a port where nothing listens (a
 * killed replica).
 */
public class Replicas implements QuarkusTestResourceLifecycleManager {

    private static StubService first;
    private static StubService second;
    private static int stoppedPort;

    @Override
    public Map<String, String> start() {
        try {
            first = new StubService(null);
            second = new StubService(null);
            try (ServerSocket probe = new ServerSocket(0)) {
                stoppedPort = probe.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub instances", e);
        }
        return Map.of("anaiss.gateway.upstreams.stats", "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + stoppedPort
                + ",http://127.0.0.1:" + second.port());
    }

    @Override
    public void stop() {
        first.stop();
        second.stop();
    }

    public static StubService first() {
        return first;
    }

    public static StubService second() {
        return second;
    }

    public static int stoppedPort() {
        return stoppedPort;
    }

    /** Complete requests on this path that reached either live instance. */
    public static long countPath(String path) {
        return first.countPath(path) + second.countPath(path);
    }
}
