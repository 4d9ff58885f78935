package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** The access log writes its JSON by hand: what a token can put in a value must not break the line. */
class AccessLogLineTest {

    @Test
    void aValueWithQuotesBackslashesAndControlCharactersStaysOneValidJsonString() {
        String clientId = "evil\"client\\\n\r\t\u0001\u2028end";
        String text = "{" + AccessLog.string(new StringBuilder(), "clientId", clientId) + "}";
        assertThat(text).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
        assertThat(new JsonObject(text).getString("clientId")).isEqualTo(clientId);
    }

    @Test
    void aPlainValueIsWrittenAsItIs() {
        assertThat(AccessLog.string(new StringBuilder(), "route", "/api/cases/{id}").toString())
                .isEqualTo("\"route\":\"/api/cases/{id}\"");
    }
}
