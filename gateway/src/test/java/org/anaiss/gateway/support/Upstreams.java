package org.anaiss.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for the services: case-service and outreach-service are {@link StubService}s serving the
 * real services' OpenAPI documents; stats-service is a port where nothing listens (a stopped service).
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    private static StubService cases;
    private static StubService outreach;
    private static int stoppedPort;

    @Override
    public Map<String, String> start() {
        try {
            cases = new StubService("/openapi/case-service/openapi.json");
            outreach = new StubService("/openapi/outreach-service/openapi.json");
            try (ServerSocket probe = new ServerSocket(0)) {
                stoppedPort = probe.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stub services", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("anaiss.gateway.case-service-url", "http://127.0.0.1:" + cases.port());
        config.put("anaiss.gateway.outreach-service-url", "http://127.0.0.1:" + outreach.port());
        config.put("anaiss.gateway.stats-service-url", "http://127.0.0.1:" + stoppedPort);
        return config;
    }

    @Override
    public void stop() {
        cases.stop();
        outreach.stop();
    }

    public static StubService cases() {
        return cases;
    }

    public static StubService outreach() {
        return outreach;
    }
}
