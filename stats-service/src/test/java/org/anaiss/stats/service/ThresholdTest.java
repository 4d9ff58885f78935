package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {

    @Test
    void aThresholdBelowFiveIsRefused() {
        assertThatThrownBy(() -> new Threshold(4)).hasMessageContaining("5 or more");
        assertThatThrownBy(() -> new Threshold(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Threshold(5).k()).isEqualTo(5);
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
