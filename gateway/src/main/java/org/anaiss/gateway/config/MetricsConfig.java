package org.anaiss.gateway.config;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Buckets of the gateway's request durations at the latency objectives (deploy/k8s, PrometheusRule anaiss-slo):
 * the ratio of requests served within 500 ms is then a plain query, summed over replicas.
 */
public class MetricsConfig {

    @Produces
    @Singleton
    MeterFilter latencyObjectives() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(seconds(0.1), seconds(0.25), seconds(0.5), seconds(1), seconds(2.5), seconds(5))
                        .build().merge(config);
            }
        };
    }

    private static double seconds(double s) {
        return Duration.ofMillis((long) (s * 1000)).toNanos();
    }
}
