package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A person's page is named by its template in metrics and traces: never the link's token. */
class LinkPageTemplateTest {

    @Test
    void theTokenOfAPersonsPageIsReplacedByItsPlaceholder() {
        String token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";
        assertThat(EdgeRoutes.linkPage("/o/" + token)).isEqualTo("/o/{token}");
        assertThat(EdgeRoutes.linkPage("/o/" + token + "/ok/accepted")).isEqualTo("/o/{token}/ok/accepted");
        assertThat(EdgeRoutes.linkPage("/i/" + token + "/cancel")).isEqualTo("/i/{token}/cancel");
        assertThat(EdgeRoutes.linkPage("/app/cases")).isNull();
        assertThat(EdgeRoutes.linkPage("/assets/anaiss.css")).isNull();
        assertThat(EdgeRoutes.linkPage("/o")).isNull();
    }
}
