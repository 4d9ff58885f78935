package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Namespace;

/**
 * Both overlays render with kubectl kustomize, every object parses strictly as its type, and every policy
 * holds. What differs between dev and prod is in {@link DevOverlayTest} and {@link ProdOverlayTest}.
 */
class OverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "dev-ingress", "prod-ingress" })
    void rendersAndEveryObjectParsesStrictly(String overlay) {
        String yaml = Rendered.yaml(overlay);
        int documents = StrictParser.documents(yaml).size();

        List<Manifest> manifests = Rendered.manifests(overlay);

        assertThat(manifests).hasSize(documents);
        Set<String> kinds = manifests.stream().map(Manifest::kind).collect(Collectors.toCollection(TreeSet::new));
        assertThat(kinds).contains("Namespace", "Deployment", "Service", "ServiceAccount", "ConfigMap",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy", "PodMonitor",
                "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Keycloak", "KeycloakRealmImport");
        // one edge or the other, never both
        assertThat(kinds).contains(overlay.endsWith("-ingress") ? "Ingress" : "HTTPRoute")
                .doesNotContain(overlay.endsWith("-ingress") ? "HTTPRoute" : "Ingress");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "dev-ingress", "prod-ingress" })
    void everyPolicyHolds(String overlay) {
        assertThat(Policies.all(Rendered.manifests(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theFourServicesAreDeployed(String overlay) {
        List<Manifest> manifests = Rendered.manifests(overlay);
        assertThat(Policies.of(manifests, "Deployment")).extracting(Manifest::name)
                .containsExactlyInAnyOrderElementsOf(Policies.SERVICES);
        for (String service : Policies.SERVICES) {
            assertThat(Rendered.find(manifests, "Deployment", service).as(io.fabric8.kubernetes.api.model.apps.Deployment.class)
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .startsWith("ghcr.io/anaiss/" + service + ":");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everythingLivesInTheOverlaysNamespaceUnderPodSecurityAdmission(String overlay) {
        List<Manifest> manifests = Rendered.manifests(overlay);
        List<Manifest> namespaces = Policies.of(manifests, "Namespace");
        assertThat(namespaces).hasSize(1);
        String ns = namespaces.get(0).name();
        assertThat(ns).isEqualTo(overlay.equals("dev") ? "anaiss-dev" : "anaiss");
        Map<String, String> labels = namespaces.get(0).as(Namespace.class).getMetadata().getLabels();
        assertThat(labels).containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
        assertThat(manifests).filteredOn(m -> !m.kind().equals("Namespace"))
                .allSatisfy(m -> assertThat(m.namespace()).as(m.toString()).isEqualTo(ns));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void strimziGetsTheKafkaVersionItSupports(String overlay) {
        Manifest kafka = Rendered.find(Rendered.manifests(overlay), "Kafka", "anaiss");
        var spec = kafka.as(io.strimzi.api.kafka.model.kafka.Kafka.class).getSpec().getKafka();
        // Strimzi 0.49 supports Kafka 4.0.x and 4.1.x; the services use kafka-clients 4.1
        assertThat(spec.getVersion()).startsWith("4.1.");
        assertThat(spec.getListeners()).singleElement().satisfies(l -> {
            assertThat(l.isTls()).isTrue();
            assertThat(l.getAuth().getType()).isEqualTo("scram-sha-512");
        });
    }
}
