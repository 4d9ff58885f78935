package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void aThresholdBelowElevenIsRefused() {
        assertThatThrownBy(() -> new Threshold(10)).hasMessageContaining("11 or more");
        assertThatThrownBy(() -> new Threshold(5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Threshold(11).k()).isEqualTo(11);
        assertThat(new Threshold(15).k()).isEqualTo(15);
    }

    @Test
    void noValueBetweenZeroAndKIsPublished() {
        Threshold k = new Threshold(11);
        for (int noisy = -50; noisy < 11; noisy++) {
            assertThat(k.publish(noisy)).as("noisy " + noisy).isNull();
        }
        assertThat(k.publish(11)).isEqualTo(11);
        assertThat(k.publish(1234)).isEqualTo(1234);
    }
}
