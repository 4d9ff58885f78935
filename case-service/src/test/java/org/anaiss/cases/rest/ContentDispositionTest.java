package org.anaiss.cases.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void readsQuotedPlainAndExtendedFileNames() {
        assertThat(ContentDisposition.fileName("attachment; filename=\"bilan.pdf\"")).isEqualTo("bilan.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename=bilan.pdf")).isEqualTo("bilan.pdf");
        assertThat(ContentDisposition.fileName("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")).isEqualTo("résumé.pdf");
        assertThat(ContentDisposition.fileName(null)).isNull();
    }

    @Test
    void writesAnAsciiFallbackAndTheUtf8Name() {
        assertThat(ContentDisposition.attachment("résumé \"x\".pdf"))
                .isEqualTo("attachment; filename=\"r_sum_ _x_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22x%22.pdf");
    }
}
