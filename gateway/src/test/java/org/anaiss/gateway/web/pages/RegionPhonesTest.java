package org.anaiss.gateway.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegionPhonesTest {

    @Test
    void eachRegionGetsItsNumberAndOthersNone() {
        RegionPhones phones = RegionPhones.parse(Optional.of(" RHONE_ALPES=04 72 00 00 00 ; BRETAGNE=+33 2 99 00 00 00;"));
        assertThat(phones.of("RHONE_ALPES")).contains("04 72 00 00 00");
        assertThat(phones.of("BRETAGNE")).contains("+33 2 99 00 00 00");
        assertThat(phones.of("CORSE")).isEmpty();
        assertThat(phones.of(null)).isEmpty();
        assertThat(phones.known("BRETAGNE")).contains("BRETAGNE");
        assertThat(phones.known("<script>")).isEmpty();
        assertThat(RegionPhones.parse(Optional.empty()).of("BRETAGNE")).isEmpty();
        assertThat(RegionPhones.parse(Optional.of(" ")).of("BRETAGNE")).isEmpty();
    }

    @Test
    void aMalformedValueStopsTheGatewayWithoutEchoingIt() {
        assertThatThrownBy(() -> RegionPhones.parse(Optional.of("BRETAGNE 02 99 00 00 00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REGION=phone")
                .hasMessageNotContaining("02 99");
        assertThatThrownBy(() -> RegionPhones.parse(Optional.of("bretagne=02 99 00 00 00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionPhones.parse(Optional.of("BRETAGNE=call us"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionPhones.parse(Optional.of("BRETAGNE=02 99 00 00 00;BRETAGNE=02 98 00 00 00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
