package org.anaiss.gateway.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway in front of the stand-in services, with limits small enough to reach in a test:
 * <ul>
 * <li>cases: bodies up to 64 KiB, uploads up to 256 KiB, answers within 1 s;</li>
 * <li>outreach: 3 requests at once, then 1 per second, per client;</li>
 * <li>public links: 2 at once, then 1 per second, per address (one trusted proxy in front, so tests
 * can speak for distinct addresses through X-Forwarded-For);</li>
 * <li>a breaker that opens after 3 failures for 2 s; one retry after 20 ms.</li>
 * </ul>
 * Every gateway test uses this profile, so Quarkus starts once for all of them.
 */
public class EdgeProfile implements QuarkusTestProfile {

    public static final String ALLOWED_ORIGIN = "https://app.anaiss.example";
    /** Where Keycloak sends the browser back to: an address the realm lists (the tests replay it on their own port). */
    public static final String WEB_PUBLIC_URL = "http://localhost:18080";
    /** The social service's phone, shown on every public page. */
    public static final String FUND_PHONE = "04 72 00 00 00";
    /** The Bretagne social service's own number (offers whose token starts with B are from Bretagne: FakeLinks). */
    public static final String BRETAGNE_PHONE = "02 99 00 00 00";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("anaiss.gateway.trusted-proxy-hops", "1"),
                Map.entry("anaiss.gateway.connect-timeout", "500ms"),
                Map.entry("anaiss.gateway.groups.cases.max-body-size", "64K"),
                Map.entry("anaiss.gateway.groups.cases.response-timeout", "1s"),
                Map.entry("anaiss.gateway.uploads.max-body-size", "256K"),
                Map.entry("anaiss.gateway.groups.outreach.rate-limit.burst", "3"),
                Map.entry("anaiss.gateway.groups.outreach.rate-limit.per-second", "1"),
                Map.entry("anaiss.gateway.groups.public.rate-limit.burst", "2"),
                Map.entry("anaiss.gateway.groups.public.rate-limit.per-second", "1"),
                Map.entry("anaiss.gateway.circuit-breaker.failure-threshold", "3"),
                Map.entry("anaiss.gateway.circuit-breaker.open-duration", "2s"),
                Map.entry("anaiss.gateway.retry.backoff", "20ms"),
                Map.entry("anaiss.gateway.cors.allowed-origins", ALLOWED_ORIGIN),
                Map.entry("anaiss.gateway.openapi.retry-interval", "1s"),
                Map.entry("anaiss.gateway.openapi.fetch-timeout", "1s"),
                Map.entry("anaiss.web.public-url", WEB_PUBLIC_URL),
                Map.entry("anaiss.web.brand.phone", FUND_PHONE),
                Map.entry("anaiss.web.brand.region-phones", "BRETAGNE=" + BRETAGNE_PHONE + ";GUADELOUPE=+590 590 00 00 00"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Upstreams.class));
    }
}
