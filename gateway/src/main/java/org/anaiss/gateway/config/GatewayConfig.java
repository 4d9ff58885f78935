package org.anaiss.gateway.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway forwards each route group, and how long it waits. */
@ConfigMapping(prefix = "anaiss.gateway")
public interface GatewayConfig {

    /** Base URL of case-service; serves {@code /api/cases/**}. */
    @WithDefault("http://localhost:8081")
    String caseServiceUrl();

    /** Base URL of outreach-service; serves {@code /api/outreach/**} and {@code /api/partners/**}. */
    @WithDefault("http://localhost:8082")
    String outreachServiceUrl();

    /** Base URL of stats-service; serves {@code /api/stats/**}. */
    @WithDefault("http://localhost:8083")
    String statsServiceUrl();

    /**
     * Paths forwarded to outreach-service without a token: the links mailed to people who have no
     * account. outreach-service protects them with single-use tokens.
     */
    @WithDefault("/api/outreach/answers,/api/outreach/registrations")
    List<String> publicPaths();

    /** Time allowed to open a connection to a service. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Time a service may stay silent before the gateway answers 504. */
    @WithDefault("30s")
    Duration idleTimeout();

    /** Connections kept open to each service. */
    @WithDefault("64")
    int maxConnectionsPerService();
}
