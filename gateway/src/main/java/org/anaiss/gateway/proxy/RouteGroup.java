package org.anaiss.gateway.proxy;

import org.anaiss.gateway.config.GatewayConfig;
import org.anaiss.gateway.limits.RateLimiter;

/**
 * A set of paths that go to one service under the same limits.
 *
 * @param requiresToken false for the public links, which are limited per client address instead
 */
record RouteGroup(String name, String prefix, Upstream upstream, boolean requiresToken, RateLimiter.Limit limit,
        long maxBodyBytes, long responseTimeoutMillis, boolean personalData) {

    static RouteGroup of(String name, String prefix, Upstream upstream, boolean requiresToken, GatewayConfig.Group config) {
        return new RouteGroup(name, prefix, upstream, requiresToken,
                new RateLimiter.Limit(config.rateLimit().burst(), config.rateLimit().perSecond()),
                config.maxBodySize().asLongValue(), config.responseTimeout().toMillis(), config.personalData());
    }
}
