package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.kafka.Kafka;

/**
 * What the Prometheus Operator scrapes: a PodMonitor for the four services, the Kafka brokers and the Kafka
 * Exporter, Strimzi's entity operator, every PostgreSQL cluster and Keycloak; each one selects pods of the
 * rendering on a port they have, and the NetworkPolicies let the scraper (and only the scraper) reach it.
 */
class ObservabilityTest {

    private static final Map<String, String> SCRAPER_NAMESPACE = Policies.MONITORING_NAMESPACE;

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theFourServicesAreScrapedOnTheirHttpPortAtQMetrics(String overlay) {
        List<Manifest> manifests = Rendered.manifests(overlay);
        PodMonitor services = Rendered.find(manifests, "PodMonitor", "anaiss-services").as(PodMonitor.class);
        for (String service : Policies.SERVICES) {
            Manifest d = Rendered.find(manifests, "Deployment", service);
            assertThat(Selectors.matches(services.getSpec().getSelector(), Policies.podLabels(d))).as(service).isTrue();
            assertThat(d.as(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
            assertThat(scraperMayReach(manifests, Policies.podLabels(d), 8080)).as("scraper reaches " + service).isTrue();
        }
        assertThat(services.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo("http");
            assertThat(e.getPath()).isEqualTo("/q/metrics");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void kafkaExportsBrokerMetricsAndConsumerLag(String overlay) {
        List<Manifest> manifests = Rendered.manifests(overlay);
        var spec = Rendered.find(manifests, "Kafka", "anaiss").as(Kafka.class).getSpec();
        assertThat(spec.getKafka().getMetricsConfig()).isInstanceOf(JmxPrometheusExporterMetrics.class);
        var ref = ((JmxPrometheusExporterMetrics) spec.getKafka().getMetricsConfig()).getValueFrom().getConfigMapKeyRef();
        ConfigMap rules = Rendered.find(manifests, "ConfigMap", ref.getName()).as(ConfigMap.class);
        assertThat(rules.getData()).containsKey(ref.getKey());
        assertThat(rules.getData().get(ref.getKey())).contains("lowercaseOutputName: true", "underreplicated", "raft-metrics");
        assertThat(spec.getKafkaExporter()).isNotNull();
        assertThat(spec.getKafkaExporter().getGroupRegex()).isEqualTo(".*");

        PodMonitor kafka = Rendered.find(manifests, "PodMonitor", "kafka").as(PodMonitor.class);
        // Strimzi's labels of the broker pods and of the Kafka Exporter's pod
        assertThat(Selectors.matches(kafka.getSpec().getSelector(), Map.of("strimzi.io/cluster", "anaiss",
                "strimzi.io/kind", "Kafka", "strimzi.io/name", "anaiss-kafka", "strimzi.io/broker-role", "true"))).isTrue();
        Map<String, String> exporter = Map.of("strimzi.io/cluster", "anaiss", "strimzi.io/kind", "Kafka",
                "strimzi.io/name", "anaiss-kafka-exporter");
        assertThat(Selectors.matches(kafka.getSpec().getSelector(), exporter)).isTrue();
        assertThat(kafka.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.getPort()).isEqualTo("tcp-prometheus"));
        assertThat(scraperMayReach(manifests, exporter, 9404)).isTrue();
        Map<String, String> entityOperator = Map.of("strimzi.io/cluster", "anaiss", "strimzi.io/name", "anaiss-entity-operator");
        assertThat(Selectors.matches(Rendered.find(manifests, "PodMonitor", "kafka-entity-operator").as(PodMonitor.class)
                .getSpec().getSelector(), entityOperator)).isTrue();
        assertThat(scraperMayReach(manifests, entityOperator, 8080)).isTrue();
        assertThat(scraperMayReach(manifests, entityOperator, 8081)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyPostgresClusterAndKeycloakAreScraped(String overlay) {
        List<Manifest> manifests = Rendered.manifests(overlay);
        PodMonitor pg = Rendered.find(manifests, "PodMonitor", "postgresql").as(PodMonitor.class);
        for (Manifest cluster : Policies.of(manifests, "Cluster")) {
            Map<String, String> instance = Map.of("cnpg.io/cluster", cluster.name(), "cnpg.io/podRole", "instance");
            assertThat(Selectors.matches(pg.getSpec().getSelector(), instance)).as(cluster.name()).isTrue();
            assertThat(scraperMayReach(manifests, instance, 9187)).as(cluster.name()).isTrue();
            // the operator's own PodMonitor is deprecated (CloudNativePG 1.27): ours replaces it
            assertThat(cluster.spec().at("/monitoring/enablePodMonitor").asBoolean(false)).isFalse();
        }
        assertThat(pg.getSpec().getPodMetricsEndpoints()).singleElement().satisfies(e -> assertThat(e.getPort()).isEqualTo("metrics"));
        Map<String, String> keycloak = Map.of("app", "keycloak", "app.kubernetes.io/managed-by", "keycloak-operator");
        assertThat(Selectors.matches(Rendered.find(manifests, "PodMonitor", "keycloak").as(PodMonitor.class).getSpec().getSelector(),
                keycloak)).isTrue();
        assertThat(scraperMayReach(manifests, keycloak, 9000)).isTrue();
        assertThat(Rendered.find(manifests, "Keycloak", "keycloak").spec().get("additionalOptions").toString())
                .contains("metrics-enabled");
    }

    /** Some NetworkPolicy selecting these pods lets Prometheus (namespace monitoring) in on this port. */
    private static boolean scraperMayReach(List<Manifest> manifests, Map<String, String> podLabels, int port) {
        for (Manifest m : Policies.of(manifests, "NetworkPolicy")) {
            NetworkPolicy p = m.as(NetworkPolicy.class);
            if (!Selectors.matches(p.getSpec().getPodSelector(), podLabels)) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : Policies.nullSafe(p.getSpec().getIngress())) {
                boolean scraper = Policies.nullSafe(rule.getFrom()).stream()
                        .anyMatch(peer -> Selectors.pins(peer.getNamespaceSelector(), SCRAPER_NAMESPACE)
                                && Selectors.pins(peer.getPodSelector(), Policies.PROMETHEUS));
                boolean onPort = Policies.nullSafe(rule.getPorts()).stream()
                        .anyMatch(rp -> rp.getPort() != null && Integer.valueOf(port).equals(rp.getPort().getIntVal()));
                if (scraper && onPort) {
                    return true;
                }
            }
        }
        return false;
    }
}
