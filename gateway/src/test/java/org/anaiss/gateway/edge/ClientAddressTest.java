package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersClaim() {
        assertThat(ClientAddress.resolve("10.0.0.7", List.of("203.0.113.9"), 0)).isEqualTo("10.0.0.7");
    }

    @Test
    void behindOneProxyTheAddressItAppendedIsUsedNotTheOnesTheClientForged() {
        assertThat(ClientAddress.resolve("10.0.0.7", List.of("1.1.1.1, 2.2.2.2", "203.0.113.9"), 1)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.resolve("10.0.0.7", List.of("1.1.1.1, 203.0.113.9, 10.0.0.3"), 2)).isEqualTo("203.0.113.9");
    }

    @Test
    void aShortChainOrAValueThatIsNotAnAddressFallsBackToThePeer() {
        assertThat(ClientAddress.resolve("10.0.0.7", List.of(), 1)).isEqualTo("10.0.0.7");
        assertThat(ClientAddress.resolve("10.0.0.7", List.of("<script>"), 1)).isEqualTo("10.0.0.7");
        assertThat(ClientAddress.resolve("10.0.0.7", List.of("2001:db8::1"), 1)).isEqualTo("2001:db8::1");
    }
}
