package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.anaiss.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

/** The allow-list is checked when the gateway starts: a wrong one stops it rather than open the API. */
class CorsTest {

    private static GatewayConfig.Cors config(List<String> origins, boolean credentials) {
        return new GatewayConfig.Cors() {
            @Override
            public Optional<List<String>> allowedOrigins() {
                return Optional.of(origins);
            }

            @Override
            public List<String> allowedMethods() {
                return List.of("GET");
            }

            @Override
            public List<String> allowedHeaders() {
                return List.of("Authorization");
            }

            @Override
            public List<String> exposedHeaders() {
                return List.of("X-Request-Id");
            }

            @Override
            public boolean allowCredentials() {
                return credentials;
            }

            @Override
            public Duration maxAge() {
                return Duration.ofMinutes(10);
            }
        };
    }

    @Test
    void aWildcardWithCredentialsIsRefused() {
        assertThatThrownBy(() -> new Cors(config(List.of("*"), true))).hasMessageContaining("'*'");
    }

    @Test
    void somethingElseThanAnOriginIsRefused() {
        assertThatThrownBy(() -> new Cors(config(List.of("https://app.example.org/path"), false))).hasMessageContaining("not an origin");
        assertThatThrownBy(() -> new Cors(config(List.of("app.example.org"), false))).hasMessageContaining("not an origin");
        assertThatThrownBy(() -> new Cors(config(List.of("ftp://app.example.org"), false))).hasMessageContaining("not an origin");
    }

    @Test
    void exactOriginsWithOrWithoutCredentialsAreAccepted() {
        assertThatCode(() -> new Cors(config(List.of("https://app.example.org", "http://localhost:3000"), true))).doesNotThrowAnyException();
        assertThatCode(() -> new Cors(config(List.of("*"), false))).doesNotThrowAnyException();
    }
}
