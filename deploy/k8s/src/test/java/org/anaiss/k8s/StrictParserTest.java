package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The strict parse rejects what the API server would reject under --validate=strict. */
class StrictParserTest {

    private static Manifest parse(String yaml) {
        return StrictParser.parse(StrictParser.documents(yaml).get(0));
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i:1
                      resources: {limits: {cpu: "1"}}
            """;

    @Test
    void aValidCoreObjectParses() {
        assertThat(parse(DEPLOYMENT).model()).isInstanceOf(io.fabric8.kubernetes.api.model.apps.Deployment.class);
    }

    @Test
    void anUnknownCoreFieldIsRejectedWithItsPath() {
        assertThatThrownBy(() -> parse(DEPLOYMENT.replace("resources:", "resourcez:")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("apps/v1 Deployment d")
                .hasMessageContaining("Unrecognized field \"resourcez\"")
                .hasMessageContaining("spec.template.spec.containers[0].resourcez");
    }

    @Test
    void aWrongScalarTypeIsRejected() {
        assertThatThrownBy(() -> parse(DEPLOYMENT.replace("selector:", "replicas: \"2\"\n  selector:")))
                .isInstanceOf(ManifestException.class).hasMessageContaining("replicas");
    }

    @Test
    void theCatchAllAdditionalPropertiesIsNoWayAround() {
        assertThatThrownBy(() -> parse(DEPLOYMENT.replace("metadata: {name: d}", "metadata: {name: d}\nadditionalProperties: {x: 1}")))
                .isInstanceOf(ManifestException.class);
    }

    @Test
    void anUnknownKindIsRejected() {
        assertThatThrownBy(() -> parse("""
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: m}
                spec: {}
                """)).hasMessageContaining("no strict model for cert-manager.io/v1/Certificate");
        assertThatThrownBy(() -> parse("""
                apiVersion: kafka.strimzi.io/v1beta1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {}
                """)).hasMessageContaining("no strict model for kafka.strimzi.io/v1beta1/KafkaTopic");
    }

    private static final String USER = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata: {name: u, labels: {strimzi.io/cluster: c}}
            spec:
              authentication: {type: scram-sha-512}
              authorization:
                type: simple
                acls:
                  - resource: {type: topic, name: t, patternType: literal}
                    operations: [Read]
            """;

    @Test
    void strimziObjectsParseAsTheStrimziModel() {
        assertThat(parse(USER).model()).isInstanceOf(io.strimzi.api.kafka.model.user.KafkaUser.class);
    }

    @Test
    void anUnknownStrimziFieldIsRejected() {
        assertThatThrownBy(() -> parse(USER.replace("operations:", "operationz:")))
                .hasMessageContaining("Unrecognized field \"operationz\"");
        assertThatThrownBy(() -> parse(USER.replace("type: simple", "type: simpel")))
                .isInstanceOf(ManifestException.class);
    }

    @Test
    void aDeprecatedStrimziFieldIsRejected() {
        assertThatThrownBy(() -> parse(USER.replace("operations: [Read]", "operation: Read")))
                .hasMessageContaining("deprecated Strimzi field(s), removed in the v1 API: spec.authorization.acls[0].operation");
    }

    @Test
    void aCloudNativePgClusterIsCheckedByItsSchema() {
        String cluster = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pg}
                spec:
                  instances: 1
                  storage: {size: 1Gi}
                  resources: {requests: {cpu: 100m}}
                """;
        assertThat(parse(cluster).model()).isInstanceOf(ObjectNode.class);
        assertThatThrownBy(() -> parse(cluster.replace("instances: 1", "instance: 1")))
                .hasMessageContaining("spec.instance: unknown field").hasMessageContaining("spec.instances: required");
        assertThatThrownBy(() -> parse(cluster.replace("instances: 1", "instances: \"1\"")))
                .hasMessageContaining("spec.instances: must be an integer");
        // the core types inside are checked by fabric8
        assertThatThrownBy(() -> parse(cluster.replace("requests:", "requestz:")))
                .hasMessageContaining("spec.resources").hasMessageContaining("requestz");
    }

    @Test
    void theRealmOfARealmImportIsParsedAsKeycloaksRealmRepresentation() {
        String realmImport = """
                apiVersion: k8s.keycloak.org/v2alpha1
                kind: KeycloakRealmImport
                metadata: {name: r}
                spec:
                  keycloakCRName: keycloak
                  realm:
                    realm: anaiss
                    users: [{username: a, enabled: true}]
                """;
        assertThat(parse(realmImport).model()).isInstanceOf(ObjectNode.class);
        assertThatThrownBy(() -> parse(realmImport.replace("enabled: true", "enabeld: true")))
                .hasMessageContaining("spec.realm").hasMessageContaining("enabeld");
        assertThatThrownBy(() -> parse(realmImport.replace("keycloakCRName: keycloak", "keycloakCrName: keycloak")))
                .hasMessageContaining("spec.keycloakCrName: unknown field");
    }

    @Test
    void allErrorsOfAStreamAreReportedTogether() {
        String two = DEPLOYMENT.replace("resources:", "resourcez:") + "---\n" + USER.replace("operations:", "operationz:");
        assertThatThrownBy(() -> StrictParser.parseAll(two))
                .hasMessageContaining("2 object(s) do not parse strictly")
                .hasMessageContaining("Deployment d").hasMessageContaining("KafkaUser u");
    }

    @Test
    void aSilentlyDroppedValueIsCaughtByTheRoundTrip() {
        List<String> lost = new java.util.ArrayList<>();
        StrictParser.contained(StrictParser.documents("{a: {b: 1, c: [1, 2]}}").get(0),
                StrictParser.documents("{a: {c: [1]}}").get(0), "", lost);
        assertThat(lost).containsExactly("a.b", "a.c (list changed)");
    }

    @Test
    void theKindsOfObservabilityEdgeAndSecretsAreStrictToo() {
        assertThatThrownBy(() -> parse("""
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: m}
                spec:
                  selector: {matchLabels: {a: b}}
                  podMetricsEndpoints: [{port: http, pathh: /q/metrics}]
                """)).isInstanceOf(ManifestException.class).hasMessageContaining("pathh");
        assertThatThrownBy(() -> parse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r}
                spec:
                  parentRefs: [{name: anaiss, sectionName: api}]
                  rules: [{matches: [{path: {type: PathPrefix, value: /api/}}], backendRef: [{name: gateway, port: 8080}]}]
                """)).isInstanceOf(ManifestException.class).hasMessageContaining("backendRef");
        assertThatThrownBy(() -> parse("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: s}
                spec:
                  secretStoreRef: {kind: ClusterSecretStore, name: anaiss}
                  target: {name: s, deletionPolicy: Keep}
                  data: [{secretKey: k, remoteRef: {key: a/b, propertty: k}}]
                """)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("spec.target.deletionPolicy: \"Keep\" is not one of")
                .hasMessageContaining("spec.data[0].remoteRef.propertty: unknown field");
    }
}
