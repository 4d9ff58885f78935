package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.junit.jupiter.api.Test;

class NoiseMechanismTest {

    private static final String KEY = "t1:dGVzdC1vbmx5LW5vaXNlLWtleS0zMi1ieXRlcy1sb25nLTAwMDAx";
    private static final List<Dimension> DIMS = List.of(Dimension.REGION, Dimension.AGE_BAND);
    private final NoiseMechanism noise = new NoiseMechanism(KEY, 0.5);

    private int cell(NoiseMechanism n, String period, String region, long count) {
        return n.noisy("case-service", "cases_opened", Granularity.MONTH, period, DIMS, new String[] { region, null }, count);
    }

    @Test
    void theSameCellWithTheSameCountAlwaysGetsTheSameNoise() {
        int first = cell(noise, "2026-01", "BRETAGNE", 42);
        for (int i = 0; i < 100; i++) {
            assertThat(cell(noise, "2026-01", "BRETAGNE", 42)).isEqualTo(first);
        }
        assertThat(cell(new NoiseMechanism(KEY, 0.5), "2026-01", "BRETAGNE", 42)).as("another instance").isEqualTo(first);
    }

    @Test
    void anotherKeyGivesOtherNoise() {
        NoiseMechanism other = new NoiseMechanism("t2:YW5vdGhlci10ZXN0LW9ubHktbm9pc2Uta2V5LTMyLWJ5dGVzLTAwMDI=", 0.5);
        int differ = 0;
        for (int p = 1; p <= 12; p++) {
            String period = String.format("2026-%02d", p);
            differ += cell(noise, period, "BRETAGNE", 100) != cell(other, period, "BRETAGNE", 100) ? 1 : 0;
        }
        assertThat(differ).isGreaterThan(4);
    }

    @Test
    void aChangedCountGetsFreshNoiseSoTwoVersionsDoNotRevealTheExactIncrement() {
        int exactIncrements = 0;
        for (int i = 0; i < 1000; i++) {
            String period = String.valueOf(3000 + i);
            if (cell(noise, period, "NORMANDIE", 41) - cell(noise, period, "NORMANDIE", 40) == 1) {
                exactIncrements++;
            }
        }
        // with the same noise for both versions, all 1000 differences would be exactly 1
        assertThat(exactIncrements).isLessThan(300);
    }

    @Test
    void theNoiseFollowsTheTwoSidedGeometricDistribution() {
        int n = 200_000;
        double a = Math.exp(-0.5);
        long zeros = 0;
        double sum = 0;
        double squares = 0;
        long atLeast8 = 0;
        for (int i = 0; i < n; i++) {
            long x = noise.noise("cell-" + i);
            zeros += x == 0 ? 1 : 0;
            atLeast8 += x >= 8 ? 1 : 0;
            sum += x;
            squares += (double) x * x;
        }
        assertThat(zeros / (double) n).isCloseTo((1 - a) / (1 + a), within(0.01));
        assertThat(sum / n).isCloseTo(0, within(0.05));
        assertThat(squares / n).isCloseTo(2 * a / ((1 - a) * (1 - a)), within(0.3));
        // a cell of 3 is published (noise >= 8 with k = 11) about 1.1% of the time, never by design
        assertThat(atLeast8 / (double) n).isCloseTo(Math.pow(a, 8) / (1 + a), within(0.002));
    }

    @Test
    void aWeakKeyOrEpsilonIsRefused() {
        assertThatThrownBy(() -> new NoiseMechanism("k:c2hvcnQ=", 0.5)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new NoiseMechanism("no-id-here", 0.5)).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> new NoiseMechanism(null, 0.5)).hasMessageContaining("id:base64");
        assertThatThrownBy(() -> new NoiseMechanism(KEY, 2.0)).hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new NoiseMechanism(KEY, 0)).hasMessageContaining("epsilon");
        assertThat(noise.keyId()).isEqualTo("t1");
    }

    @Test
    void theIdentityNamesEveryPartSoNoTwoCellsShareIt() {
        String all = NoiseMechanism.identity("case-service", "cases_opened", Granularity.YEAR, "2026", DIMS,
                new String[] { "BRETAGNE", null }, 5);
        assertThat(all).isEqualTo("anaiss-stats-noise-v1|case-service|cases_opened|YEAR|2026|region=BRETAGNE|ageBand=*|count=5");
    }
}
