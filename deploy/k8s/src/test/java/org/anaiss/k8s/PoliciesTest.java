package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The policy checks can fail: each test breaks one thing in a copy of the rendered dev overlay and expects
 * the check to name it (the unbroken overlay passes, see {@link OverlaysTest#everyPolicyHolds}).
 */
class PoliciesTest {

    private static List<String> broken(Function<List<Manifest>, List<String>> check, Consumer<List<ObjectNode>> breakIt) {
        return broken("dev", check, breakIt);
    }

    /** The same on another rendering, e.g. "dev-ingress" (the Ingress edge instead of the Gateway API). */
    private static List<String> broken(String overlay, Function<List<Manifest>, List<String>> check, Consumer<List<ObjectNode>> breakIt) {
        List<ObjectNode> trees = Rendered.trees(overlay);
        assertThat(check.apply(Rendered.parse(trees))).as("the unbroken overlay passes").isEmpty();
        breakIt.accept(trees);
        return check.apply(Rendered.parse(trees));
    }

    private static ObjectNode container(List<ObjectNode> trees, String deployment) {
        return (ObjectNode) Rendered.findTree(trees, "Deployment", deployment)
                .at("/spec/template/spec/containers/0");
    }

    private static ObjectNode add(List<ObjectNode> trees, String yaml) {
        ObjectNode tree = StrictParser.documents(yaml).get(0);
        tree.with("metadata").put("namespace", "anaiss-dev");
        trees.add(tree);
        return tree;
    }

    // ------------------------------------------------------------------ containers

    @Test
    void aContainerWithoutLimitsFails() {
        assertThat(broken(Policies::containers, t -> container(t, "case-service").with("resources").remove("limits")))
                .contains("Deployment/case-service container case-service: no cpu limit",
                        "Deployment/case-service container case-service: no memory limit");
    }

    @Test
    void aContainerThatMayRunAsRootFails() {
        assertThat(broken(Policies::containers, t -> {
            container(t, "gateway").with("securityContext").remove("runAsNonRoot");
            ((ObjectNode) Rendered.findTree(t, "Deployment", "gateway").at("/spec/template/spec/securityContext"))
                    .remove("runAsNonRoot");
        })).contains("Deployment/gateway container gateway: runAsNonRoot must be true");
    }

    @Test
    void aContainerRunningAsUserZeroFails() {
        assertThat(broken(Policies::containers, t -> container(t, "gateway").with("securityContext").put("runAsUser", 0)))
                .contains("Deployment/gateway container gateway: runs as user 0");
    }

    @Test
    void aWritableRootFilesystemOrPrivilegeEscalationFails() {
        assertThat(broken(Policies::containers, t -> {
            container(t, "stats-service").with("securityContext").put("readOnlyRootFilesystem", false);
            container(t, "stats-service").with("securityContext").remove("allowPrivilegeEscalation");
        })).contains("Deployment/stats-service container stats-service: readOnlyRootFilesystem must be true",
                "Deployment/stats-service container stats-service: allowPrivilegeEscalation must be false");
    }

    @Test
    void missingProbesFail() {
        assertThat(broken(Policies::containers, t -> {
            container(t, "outreach-service").remove("readinessProbe");
            container(t, "outreach-service").with("livenessProbe").with("httpGet").put("path", "/");
        })).contains("Deployment/outreach-service container outreach-service: no readinessProbe",
                "Deployment/outreach-service container outreach-service: livenessProbe must be an HTTP GET of /q/health/live (SmallRye Health)");
    }

    @Test
    void anUnpinnedImageOrAServiceAccountTokenFails() {
        assertThat(broken(Policies::containers, t -> {
            container(t, "gateway").put("image", "ghcr.io/anaiss/gateway:latest");
            ((ObjectNode) Rendered.findTree(t, "Deployment", "gateway").at("/spec/template/spec"))
                    .put("automountServiceAccountToken", true);
        })).contains("Deployment/gateway container gateway: image ghcr.io/anaiss/gateway:latest has no pinned tag or digest (the overlay sets it)",
                "Deployment/gateway: automountServiceAccountToken must be false");
    }

    @Test
    void aSeccompProfileOtherThanRuntimeDefaultFails() {
        assertThat(broken(Policies::containers, t -> ((ObjectNode) Rendered.findTree(t, "Deployment", "gateway")
                .at("/spec/template/spec/securityContext/seccompProfile")).put("type", "Unconfined")))
                .contains("Deployment/gateway container gateway: seccompProfile must be RuntimeDefault");
    }

    @Test
    void anOperatorRunWorkloadWithoutLimitsFails() {
        assertThat(broken(Policies::operandResources, t -> {
            ((ObjectNode) Rendered.findTree(t, "Cluster", "pg-stats").at("/spec/resources")).remove("limits");
            ((ObjectNode) Rendered.findTree(t, "KafkaNodePool", "dual-role").at("/spec/resources/requests")).remove("memory");
        })).containsExactlyInAnyOrder(
                "Cluster/pg-stats: no cpu limits at spec.resources", "Cluster/pg-stats: no memory limits at spec.resources",
                "KafkaNodePool/dual-role: no memory requests at spec.resources");
    }

    // ------------------------------------------------------------------ secrets and exposure

    @Test
    void aCommittedSecretValueFails() {
        assertThat(broken(Policies::noSecretData, t -> add(t, """
                apiVersion: v1
                kind: Secret
                metadata: {name: leaked}
                stringData: {password: hunter2}
                """))).containsExactly("Secret/leaked: a Secret with data is committed (create it with kubectl instead: see README)");
    }

    @Test
    void aLoadBalancerOrNodePortServiceFails() {
        assertThat(broken(Policies::noExposedServices, t -> {
            Rendered.findTree(t, "Service", "case-service").with("spec").put("type", "LoadBalancer");
            Rendered.findTree(t, "Service", "gateway").with("spec").put("type", "NodePort");
        })).containsExactlyInAnyOrder(
                "Service/case-service: type LoadBalancer (only ClusterIP; the gateway is published by the edge)",
                "Service/gateway: type NodePort (only ClusterIP; the gateway is published by the edge)");
    }

    @Test
    void anIngressToAServiceOtherThanTheGatewayFails() {
        assertThat(broken("dev-ingress", Policies::ingressOnlyToGateway, t -> {
            ObjectNode backend = (ObjectNode) Rendered.findTree(t, "Ingress", "gateway")
                    .at("/spec/rules/0/http/paths/0/backend/service");
            backend.put("name", "case-service");
        })).contains("Ingress/gateway: publishes case-service /api/ (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
    }

    @Test
    void publishingTheGatewaysHealthAndMetricsOrKeycloaksAdminConsoleFails() {
        assertThat(broken("dev-ingress", Policies::ingressOnlyToGateway, t -> {
            ((ObjectNode) Rendered.findTree(t, "Ingress", "gateway").at("/spec/rules/0/http/paths/0")).put("path", "/");
            ((ObjectNode) Rendered.findTree(t, "Ingress", "keycloak").at("/spec/rules/0/http/paths/0")).put("path", "/admin/");
        })).contains("Ingress/gateway: publishes gateway / (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)",
                "Ingress/keycloak: publishes keycloak-service /admin/ (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
    }

    @Test
    void anHttpRouteToAServiceOtherThanTheGatewayFails() {
        assertThat(broken(Policies::gatewayApiOnlyToGateway, t -> ((ObjectNode) Rendered.findTree(t, "HTTPRoute", "gateway")
                .at("/spec/rules/0/backendRefs/0")).put("name", "case-service")))
                .containsExactly("HTTPRoute/gateway: publishes case-service /api/ (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
    }

    @Test
    void anHttpRouteToHealthMetricsOrTheAdminConsoleOrToEverythingFails() {
        assertThat(broken(Policies::gatewayApiOnlyToGateway, t -> {
            ((ObjectNode) Rendered.findTree(t, "HTTPRoute", "gateway").at("/spec/rules/0/matches/0/path")).put("value", "/q/");
            ((ObjectNode) Rendered.findTree(t, "HTTPRoute", "keycloak").at("/spec/rules/0/matches/1/path")).put("value", "/admin/");
        })).containsExactlyInAnyOrder(
                "HTTPRoute/gateway: publishes gateway /q/ (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)",
                "HTTPRoute/keycloak: publishes keycloak-service /admin/ (only gateway /api/ and Keycloak's /realms/anaiss/, /resources/)");
        assertThat(broken(Policies::gatewayApiOnlyToGateway, t -> ((ObjectNode) Rendered.findTree(t, "HTTPRoute", "keycloak")
                .at("/spec/rules/0")).remove("matches")))
                .containsExactly("HTTPRoute/keycloak: a rule without matches publishes everything of [keycloak-service]");
    }

    @Test
    void aPlainHttpListenerOrARouteOnAnyListenerFails() {
        assertThat(broken(Policies::gatewayApiOnlyToGateway, t -> {
            ObjectNode listener = (ObjectNode) Rendered.findTree(t, "Gateway", "anaiss").at("/spec/listeners/0");
            listener.put("protocol", "HTTP").put("port", 80).remove("tls");
            ((ObjectNode) Rendered.findTree(t, "HTTPRoute", "keycloak").at("/spec/parentRefs/0")).remove("sectionName");
        })).containsExactlyInAnyOrder("Gateway/anaiss: listener api is not HTTPS with a certificate",
                "HTTPRoute/keycloak: attaches to anaiss/null (only a listener of this rendering's Gateway, named by sectionName)");
    }

    // ------------------------------------------------------------------ network policies

    @Test
    void aServiceWithoutANetworkPolicyOfItsOwnFails() {
        assertThat(broken(Policies::networkPolicyCoverage,
                t -> t.remove(Rendered.findTree(t, "NetworkPolicy", "stats-service"))))
                .containsExactlyInAnyOrder("Deployment/stats-service: no NetworkPolicy of its own for Ingress",
                        "Deployment/stats-service: no NetworkPolicy of its own for Egress");
    }

    @Test
    void withoutTheDefaultDenyTheNamespaceIsOpen() {
        assertThat(broken(Policies::networkPolicyCoverage,
                t -> t.remove(Rendered.findTree(t, "NetworkPolicy", "default-deny-all"))))
                .containsExactly("NetworkPolicy: no default deny of ingress and egress (podSelector {}, no rules)");
    }

    @Test
    void statsServiceReachingAnotherDatabaseFails() {
        assertThat(broken(Policies::egressAllowlist, t -> {
            ObjectNode rule = (ObjectNode) Rendered.findTree(t, "NetworkPolicy", "stats-service").at("/spec/egress/0");
            ((ObjectNode) rule.at("/to/0/podSelector/matchLabels")).put("cnpg.io/cluster", "pg-cases");
        })).singleElement().asString().startsWith("NetworkPolicy/stats-service lets stats-service connect to pods [cnpg.io/cluster=pg-cases]");
    }

    @Test
    void statsServiceReachingTheInternetOrAnyPortFails() {
        assertThat(broken(Policies::egressAllowlist, t -> {
            ArrayNode egress = (ArrayNode) Rendered.findTree(t, "NetworkPolicy", "stats-service").at("/spec/egress");
            egress.addObject().putArray("to").addObject().putObject("ipBlock").put("cidr", "0.0.0.0/0");
            ((ObjectNode) egress.get(1)).remove("ports");
        })).hasSize(2).anySatisfy(v -> assertThat(v).contains("ipBlock 0.0.0.0/0"))
                .anySatisfy(v -> assertThat(v).contains("on any port"));
    }

    @Test
    void aBroaderPolicySelectingStatsServiceCountsToo() {
        // a policy for every pod of the namespace also applies to stats-service
        assertThat(broken(Policies::egressAllowlist, t -> add(t, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-all-egress}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{}]
                """))).contains("NetworkPolicy/allow-all-egress lets stats-service connect anywhere");
    }

    @Test
    void statsServiceMayReachKafkaItsDatabaseKeycloakDnsAndTheTraceCollectorOnly() {
        // the allowlist itself is part of the requirement: loosening it must be a visible change here
        assertThat(Policies.EGRESS.get("stats-service")).containsExactlyInAnyOrder(
                Policies.KAFKA, Policies.database("pg-stats"), Policies.KEYCLOAK, Policies.DNS, Policies.OTLP_COLLECTOR);
        assertThat(Policies.CALLERS.get("stats-service")).containsExactly("gateway");
        assertThat(Policies.CALLERS.get("case-service")).containsExactly("gateway");
    }

    @Test
    void aServiceReachableFromAnyPodFails() {
        assertThat(broken(Policies::ingressSources, t -> {
            ObjectNode peer = (ObjectNode) Rendered.findTree(t, "NetworkPolicy", "case-service").at("/spec/ingress/0/from/0");
            peer.putObject("podSelector");
        })).containsExactly("NetworkPolicy/case-service lets pods {} (all) of this namespace reach case-service (only [gateway] and the scraper)");
    }

    @Test
    void theGatewayReachableFromAnotherNamespaceFails() {
        assertThat(broken("dev-ingress", Policies::ingressSources, t -> ((ObjectNode) Rendered.findTree(t, "NetworkPolicy", "gateway-from-edge")
                .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels")).put("kubernetes.io/metadata.name", "default")))
                .singleElement().asString().contains("reach gateway (only the edge and the scraper)");
    }

    @Test
    void theGatewayReachableFromPodsOtherThanTheGatewaysDataPlaneFails() {
        assertThat(broken(Policies::ingressSources, t -> ((ObjectNode) Rendered.findTree(t, "NetworkPolicy", "gateway-from-edge")
                .at("/spec/ingress/0/from/0/podSelector/matchLabels")).put("gateway.networking.k8s.io/gateway-name", "other")))
                .singleElement().asString().contains("reach gateway (only the edge and the scraper)");
    }

    // ------------------------------------------------------------------ Kafka ACLs

    private static ArrayNode statsAcls(List<ObjectNode> trees) {
        return (ArrayNode) Rendered.findTree(trees, "KafkaUser", "stats-service").at("/spec/authorization/acls");
    }

    @Test
    void statsServiceWritingStatsAggregatesFails() {
        assertThat(broken(Policies::statsServiceKafkaAcls, t -> ((ArrayNode) statsAcls(t).get(0).get("operations")).add("Write")))
                .containsExactly("KafkaUser/stats-service: grants [Read, Write, Describe] on stats-aggregates (only Read and Describe)");
    }

    @Test
    void statsServiceReadingAnotherTopicFails() {
        assertThat(broken(Policies::statsServiceKafkaAcls, t -> statsAcls(t).addObject()
                .<ObjectNode>set("resource", StrictParser.documents("{type: topic, name: case-events, patternType: literal}").get(0))
                .putArray("operations").add("Read")))
                .containsExactly("KafkaUser/stats-service: grants [Read] on topic case-events (literal)");
    }

    @Test
    void statsServiceWithAClusterOrPrefixGrantFails() {
        assertThat(broken(Policies::statsServiceKafkaAcls, t -> {
            statsAcls(t).addObject().<ObjectNode>set("resource", StrictParser.documents("{type: cluster}").get(0))
                    .putArray("operations").add("IdempotentWrite");
            ((ObjectNode) statsAcls(t).get(0).get("resource")).put("patternType", "prefix");
        })).contains("KafkaUser/stats-service: grants [IdempotentWrite] on cluster (only the topic and its group)",
                "KafkaUser/stats-service: grants [Read, Describe] on topic stats-aggregates (prefix)");
    }

    // ------------------------------------------------------------------ companions

    @Test
    void aDeploymentThatSetsReplicasOrLacksItsBudgetFails() {
        assertThat(broken(Policies::companions, t -> {
            Rendered.findTree(t, "Deployment", "gateway").with("spec").put("replicas", 3);
            t.remove(Rendered.findTree(t, "PodDisruptionBudget", "stats-service"));
        })).containsExactlyInAnyOrder(
                "Deployment/gateway: sets replicas although an autoscaler owns the count (every apply would reset it)",
                "Deployment/stats-service: no PodDisruptionBudget");
    }

    @Test
    void aMissingConfigMapFails() {
        assertThat(broken(Policies::configMapReferences, t -> ((ObjectNode) container(t, "gateway").at("/envFrom/0/configMapRef"))
                .put("name", "nowhere"))).containsExactly("Deployment/gateway: reads the missing ConfigMap nowhere");
    }
}
