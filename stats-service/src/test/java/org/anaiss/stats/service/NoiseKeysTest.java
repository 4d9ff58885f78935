package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.anaiss.stats.domain.Granularity;
import org.junit.jupiter.api.Test;

/** The key of a period is a pure function of the period and the configured key versions. */
class NoiseKeysTest {

    static final String S1 = "dGVzdC1vbmx5LW5vaXNlLWtleS0zMi1ieXRlcy1sb25nLTAwMDAx";
    static final String S2 = "YW5vdGhlci10ZXN0LW9ubHktbm9pc2Uta2V5LTMyLWJ5dGVzLTAwMDI=";
    private final NoiseKeys keys = new NoiseKeys(List.of("k2:2027-03-01:0.4:" + S2, "k1:0001-01-01:0.5:" + S1));

    @Test
    void aKeyProtectsThePeriodsEndingOnOrAfterItsActivationUntilTheNextOne() {
        assertThat(keys.all()).extracting(NoiseKeys.NoiseKey::id).containsExactly("k1", "k2");
        // January 2027 ends on 2027-02-01: the old key; February ends on 2027-03-01: the new one
        assertThat(keys.forPeriod(Granularity.MONTH, "2027-01").orElseThrow().id()).isEqualTo("k1");
        assertThat(keys.forPeriod(Granularity.MONTH, "2027-02").orElseThrow().id()).isEqualTo("k2");
        assertThat(keys.forPeriod(Granularity.QUARTER, "2026-Q4").orElseThrow().id()).isEqualTo("k1");
        assertThat(keys.forPeriod(Granularity.QUARTER, "2027-Q1").orElseThrow().id()).isEqualTo("k2");
        assertThat(keys.forPeriod(Granularity.YEAR, "2026").orElseThrow().id()).isEqualTo("k1");
        assertThat(keys.forPeriod(Granularity.YEAR, "2027").orElseThrow().epsilon()).isEqualTo(0.4);
        // the same answer from another instance: nothing but the configuration decides
        NoiseKeys again = new NoiseKeys(List.of("k1:0001-01-01:0.5:" + S1, "k2:2027-03-01:0.4:" + S2));
        assertThat(again.forPeriod(Granularity.MONTH, "2027-02").orElseThrow().mechanism().noisy("p", "m", Granularity.MONTH,
                "2027-02", List.of(), new String[0], 40)).isEqualTo(keys.forPeriod(Granularity.MONTH, "2027-02").orElseThrow()
                        .mechanism().noisy("p", "m", Granularity.MONTH, "2027-02", List.of(), new String[0], 40));
    }

    @Test
    void aPeriodEndingBeforeTheFirstKeyHasNone() {
        NoiseKeys late = new NoiseKeys(List.of("k1:2020-01-01:0.5:" + S1));
        assertThat(late.forPeriod(Granularity.MONTH, "2019-11")).isEmpty();
        assertThat(late.forPeriod(Granularity.MONTH, "2019-12")).isPresent();
        assertThat(late.forPeriod(Granularity.MONTH, "2019-12").orElseThrow().activation()).isEqualTo(LocalDate.of(2020, 1, 1));
    }

    @Test
    void aBadEntryIsRefusedWithoutQuotingTheSecret() {
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:0.5:" + S1))).hasMessageContaining("<id>:<activation")
                .hasMessageNotContaining(S1);
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:2026-13-01:0.5:" + S1))).hasMessageContaining("yyyy-mm-dd");
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:2026-01-01:2:" + S1))).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:2026-01-01:0.5:c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:2026-01-01:0.5:" + S1, "k1:2027-01-01:0.5:" + S2)))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new NoiseKeys(List.of("k1:2026-01-01:0.5:" + S1, "k2:2026-01-01:0.5:" + S2)))
                .hasMessageContaining("one period, one key");
    }
}
