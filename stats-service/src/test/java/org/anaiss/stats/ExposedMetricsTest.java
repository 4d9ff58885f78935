package org.anaiss.stats;

import java.io.IOException;

import org.anaiss.platform.architecture.ExposedMetrics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** This service's side of the metrics contract with deploy/k8s's alerts and dashboard (platform/architecture). */
@QuarkusTest
class ExposedMetricsTest {

    @Test
    void theSeriesTheAlertsReadAreExposedWithAHelpText() throws IOException {
        ExposedMetrics.assertExposed("stats-service");
    }
}
