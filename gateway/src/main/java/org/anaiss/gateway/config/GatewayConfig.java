package org.anaiss.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The gateway's configuration. Every limit here is per gateway instance: with N replicas behind a
 * load balancer a client gets up to N times the rate (docs/gateway.md says how to size them).
 * Defaults in code are the production values; application.properties only sets what differs per
 * route group.
 */
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
     * Several instances of a service, taken in turn; each list, when set, replaces the single URL above.
     * In Kubernetes leave them unset: the single URL is the Service's name and Kubernetes balances.
     */
    Upstreams upstreams();

    /**
     * Paths forwarded to outreach-service without a token: the links mailed to people who have no
     * account. outreach-service protects them with single-use tokens.
     */
    @WithDefault("/api/outreach/answers,/api/outreach/registrations")
    List<String> publicPaths();

    /** Time allowed to get a connection to a service (opening one, or waiting for a free one in the pool). */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Connections kept open to each service, per event loop (Quarkus runs two event loops per core). */
    @WithDefault("32")
    int maxConnectionsPerService();

    /** Requests of one event loop waiting for a connection to one service, beyond which new ones get 503 at once. */
    @WithDefault("128")
    int maxWaitingRequestsPerService();

    /**
     * Proxies in front of the gateway whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are
     * trusted: 0 (direct clients), 1 behind the ingress. The client address is then the n-th entry from
     * the right of {@code X-Forwarded-For}, the one the nearest trusted proxy saw, which a client cannot forge.
     */
    @WithDefault("0")
    int trustedProxyHops();

    /** The route groups, each with its own limits. */
    Groups groups();

    /** Uploads of documents, which may be larger than any other call. */
    Uploads uploads();

    RateLimiting rateLimiting();

    Retry retry();

    CircuitBreaker circuitBreaker();

    Cors cors();

    SecurityHeaders securityHeaders();

    OpenApi openapi();

    AccessLog accessLog();

    TokenCache tokenCache();

    interface Upstreams {
        /** Base URLs of case-service's instances ({@code http://a:8081,http://b:8081}); ANAISS_CASE_URLS. */
        Optional<List<String>> cases();

        /** Base URLs of outreach-service's instances; ANAISS_OUTREACH_URLS. */
        Optional<List<String>> outreach();

        /** Base URLs of stats-service's instances; ANAISS_STATS_URLS. */
        Optional<List<String>> stats();

        /**
         * How long an instance that refused a connection is passed over while another one is available
         * (then it is tried again in its turn; a call it answers brings it back at once).
         */
        @WithDefault("5s")
        Duration restAfterRefusal();
    }

    interface Groups {
        /** {@code /api/cases/**} to case-service. */
        Group cases();

        /** {@code /api/outreach/**} to outreach-service. */
        Group outreach();

        /** {@code /api/partners/**} to outreach-service: partner systems (client credentials). */
        Group partners();

        /** {@code /api/stats/**} to stats-service. */
        Group stats();

        /** The public links of {@link GatewayConfig#publicPaths()}: limited per client address. */
        @WithName("public")
        Group publicLinks();
    }

    interface Group {
        RateLimit rateLimit();

        /** Largest request body; a larger one is answered 413 and never forwarded. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /**
         * Time the service may take to answer once it has the whole request (then 504); also the longest
         * silence allowed while the answer streams.
         */
        @WithDefault("15s")
        Duration responseTimeout();

        /**
         * Whether answers carry personal data: then {@code Cache-Control: no-store} always; otherwise
         * only when the service did not choose a cache policy itself.
         */
        @WithDefault("true")
        boolean personalData();
    }

    /** Token bucket per client and route group: a burst, then a steady rate. */
    interface RateLimit {
        /** Requests a client may make at once after a quiet period (the bucket's size). */
        @WithDefault("200")
        int burst();

        /** Requests per second a client may sustain (the bucket's refill rate). */
        @WithDefault("50")
        double perSecond();
    }

    interface Uploads {
        /** Requests that are uploads: POST on paths matching this regular expression. */
        @WithDefault("^/api/cases/[^/]+/documents/?$")
        String pathPattern();

        /** Largest upload (case-service refuses more than 10 MiB too). */
        @WithDefault("10M")
        MemorySize maxBodySize();
    }

    interface RateLimiting {
        /** Off only for measurements (benchmarks); never in production. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Clients tracked at once per instance; buckets idle long enough to be full again are dropped
         * every minute. Past this bound new clients are let through untracked rather than refused, so
         * a flood of addresses cannot lock everybody out.
         */
        @WithDefault("100000")
        int maxTrackedClients();
    }

    /**
     * Retries after a pause, of idempotent requests only: GET, HEAD, OPTIONS, PUT and DELETE when no
     * connection could be had (nothing was sent, the body is still unread); GET, HEAD and OPTIONS without a
     * body also when the connection closed before an answer or the service answered 502/503. (Passing a
     * request to another instance when no connection could be had is not a retry: any method, at once.)
     */
    interface Retry {
        /** Retries after the first attempt; 0 disables them. */
        @WithDefault("1")
        int maxRetries();

        /** Wait before a retry (doubled, with jitter, for each further one). */
        @WithDefault("100ms")
        Duration backoff();
    }

    /**
     * One breaker per instance of a service: after consecutive failures the gateway stops calling that
     * instance for a while (the others take its calls); 503 at once only when every instance's is open.
     */
    interface CircuitBreaker {
        /** Consecutive failures (no connection, timeout, 502/503/504) that open the breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker answers 503 at once before letting one trial request through. */
        @WithDefault("10s")
        Duration openDuration();
    }

    interface Cors {
        /**
         * Origins allowed to call the API from a browser, exactly as sent ({@code https://app.example.org}).
         * None by default: cross-origin calls are refused. {@code *} is refused with credentials.
         */
        Optional<List<String>> allowedOrigins();

        @WithDefault("GET,HEAD,POST,PUT,PATCH,DELETE")
        List<String> allowedMethods();

        @WithDefault("Authorization,Content-Type,Content-Disposition,Accept,Accept-Language,Idempotency-Key,X-Request-Id,traceparent,tracestate")
        List<String> allowedHeaders();

        @WithDefault("X-Request-Id,Retry-After,Location,Content-Disposition")
        List<String> exposedHeaders();

        /** Cookies and HTTP authentication in cross-origin calls; bearer tokens do not need it. */
        @WithDefault("false")
        boolean allowCredentials();

        /** How long a browser may cache a preflight answer. */
        @WithDefault("10m")
        Duration maxAge();
    }

    interface SecurityHeaders {
        /** {@code Strict-Transport-Security} max-age, sent only on answers to requests that came over TLS. */
        @WithDefault("365d")
        Duration hstsMaxAge();

        @WithDefault("true")
        boolean hstsIncludeSubdomains();
    }

    /** The suite's OpenAPI document, merged from the services' own ones. */
    interface OpenApi {
        /** How long a merged document is served before the services' documents are fetched again. */
        @WithDefault("5m")
        Duration refreshInterval();

        /** While a service's document is missing, the least time between two attempts to fetch it. */
        @WithDefault("10s")
        Duration retryInterval();

        /** Time allowed to fetch one service's document. */
        @WithDefault("5s")
        Duration fetchTimeout();

        /** OpenID Connect discovery document of the realm that issues the tokens (shown to API users). */
        @WithDefault("${quarkus.oidc.auth-server-url}/.well-known/openid-configuration")
        String oidcDiscoveryUrl();
    }

    /**
     * Tokens the gateway has verified, remembered until they expire, so a client's next requests skip
     * the signature check (the largest part of the gateway's own cost). Only successful verifications
     * are kept, never past the token's {@code exp}; the services verify every token themselves anyway.
     */
    interface TokenCache {
        @WithDefault("true")
        boolean enabled();

        /** Tokens remembered at once; past it, new ones are verified every time until old ones expire. */
        @WithDefault("10000")
        int maxEntries();

        /** Longest a verification is remembered, even for a token that lives longer. */
        @WithDefault("5m")
        Duration maxTtl();
    }

    interface AccessLog {
        /** One JSON line per /api request on the {@code anaiss.access} logger. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Secret (base64, 32 bytes or more, the same on every replica) from which the key of each day is derived:
         * the log names a user by a keyed hash of their subject that changes every day (docs/gateway.md).
         * Unset: a random secret per start, so pseudonyms change at every restart and differ between replicas.
         * Environment: ANAISS_GATEWAY_ACCESS_LOG_PSEUDONYM_KEY.
         */
        java.util.Optional<String> pseudonymKey();
    }
}
