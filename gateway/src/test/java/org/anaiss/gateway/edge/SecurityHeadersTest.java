package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.anaiss.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class SecurityHeadersTest {

    private final SecurityHeaders headers = new SecurityHeaders(new GatewayConfig.SecurityHeaders() {
        @Override
        public Duration hstsMaxAge() {
            return Duration.ofDays(365);
        }

        @Override
        public boolean hstsIncludeSubdomains() {
            return true;
        }
    });

    private static Exchange exchange(boolean personalData) {
        Exchange exchange = new Exchange(0, "request-1", TraceContext.forward(null, null), "/api/x");
        exchange.routedTo("g", "s", personalData);
        return exchange;
    }

    @Test
    void personalDataIsNeverCachedWhateverTheServiceSaid() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "public, max-age=600");
        headers.apply(answer, exchange(true), true, false);
        assertThat(answer.get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aStricterPolicyOfTheServiceIsKept() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "no-store, private");
        headers.apply(answer, exchange(true), true, false);
        assertThat(answer.get("Cache-Control")).isEqualTo("no-store, private");
    }

    @Test
    void withoutPersonalDataTheServicesPolicyStandsAndNoneMeansNoStore() {
        MultiMap cached = MultiMap.caseInsensitiveMultiMap().add("Cache-Control", "public, max-age=600");
        headers.apply(cached, exchange(false), true, false);
        assertThat(cached.get("Cache-Control")).isEqualTo("public, max-age=600");
        MultiMap silent = MultiMap.caseInsensitiveMultiMap();
        headers.apply(silent, exchange(false), true, false);
        assertThat(silent.get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void hstsOnlyOverTls() {
        MultiMap clear = MultiMap.caseInsensitiveMultiMap();
        headers.apply(clear, exchange(true), true, false);
        assertThat(clear.get("Strict-Transport-Security")).isNull();
        MultiMap tls = MultiMap.caseInsensitiveMultiMap();
        headers.apply(tls, exchange(true), true, true);
        assertThat(tls.get("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
    }

    @Test
    void everyAnswerGetsNosniffAndNoReferrerButOnlyApiAnswersACachePolicy() {
        MultiMap health = MultiMap.caseInsensitiveMultiMap();
        headers.apply(health, exchange(true), false, false);
        assertThat(health.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(health.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(health.get("Cache-Control")).isNull();
    }
}
