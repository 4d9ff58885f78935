package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;

/** prod: highly available, backed up, and without anything made for demos or tests. */
class ProdOverlayTest {

    private static final List<Manifest> PROD = Rendered.manifests("prod");
    private static final List<String> CLUSTERS = List.of("pg-cases", "pg-outreach", "pg-stats", "pg-gateway", "pg-keycloak");

    @Test
    void kafkaHasThreeBrokersAndReplicatesEverythingThrice() {
        int brokers = Policies.of(PROD, "KafkaNodePool").stream().map(m -> m.as(KafkaNodePool.class))
                .filter(p -> p.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(p -> p.getSpec().getReplicas()).sum();
        assertThat(brokers).isEqualTo(3);
        var config = Rendered.find(PROD, "Kafka", "anaiss").as(Kafka.class).getSpec().getKafka().getConfig();
        assertThat(config).containsEntry("default.replication.factor", 3).containsEntry("min.insync.replicas", 2)
                .containsEntry("offsets.topic.replication.factor", 3).containsEntry("auto.create.topics.enable", false);
    }

    @Test
    void eachServiceHasItsOwnHighlyAvailablePostgresCluster() {
        assertThat(Policies.of(PROD, "Cluster")).extracting(Manifest::name).containsExactlyInAnyOrderElementsOf(CLUSTERS);
        for (String name : CLUSTERS) {
            JsonNode spec = Rendered.find(PROD, "Cluster", name).spec();
            assertThat(spec.get("instances").asInt()).as(name).isEqualTo(3);
            assertThat(spec.at("/enableSuperuserAccess").asBoolean(true)).as(name).isFalse();
            assertThat(spec.at("/postgresql/pg_hba/0").asText()).isEqualTo("hostnossl all all all reject");
        }
    }

    @Test
    void everyClusterArchivesItsWalAndIsBackedUpNightly() {
        for (String name : CLUSTERS) {
            JsonNode plugin = Rendered.find(PROD, "Cluster", name).spec().at("/plugins/0");
            assertThat(plugin.get("name").asText()).isEqualTo("barman-cloud.cloudnative-pg.io");
            assertThat(plugin.get("isWALArchiver").asBoolean()).isTrue();
            assertThat(plugin.at("/parameters/barmanObjectName").asText()).isEqualTo("anaiss-backups");
            JsonNode backup = Rendered.find(PROD, "ScheduledBackup", name + "-nightly").spec();
            assertThat(backup.at("/cluster/name").asText()).isEqualTo(name);
            assertThat(backup.get("method").asText()).isEqualTo("plugin");
        }
        JsonNode store = Rendered.find(PROD, "ObjectStore", "anaiss-backups").spec();
        assertThat(store.get("retentionPolicy").asText()).isEqualTo("30d");
        assertThat(store.at("/configuration/data/encryption").asText()).isEqualTo("AES256");
    }

    @Test
    void theRealmHasNoDemoUserNoTestClientAndNoCommittedClientSecret() {
        JsonNode realm = Rendered.find(PROD, "KeycloakRealmImport", "anaiss").spec().get("realm");
        // no person, only the service accounts of the admin client and of the staff directory (view-users only)
        assertThat(realm.get("users")).hasSize(2);
        JsonNode admin = realm.get("users").get(0);
        assertThat(admin.get("username").asText()).isEqualTo("service-account-anaiss-admin");
        assertThat(admin.get("serviceAccountClientId").asText()).isEqualTo("anaiss-admin");
        assertThat(admin.get("realmRoles").toString()).isEqualTo("[\"admin\"]");
        JsonNode directory = realm.get("users").get(1);
        assertThat(directory.get("username").asText()).isEqualTo("service-account-anaiss-directory");
        assertThat(directory.at("/clientRoles/realm-management").toString()).isEqualTo("[\"view-users\"]");
        assertThat(realm.get("users")).noneMatch(u -> u.has("credentials"));
        assertThat(realm.get("clients")).extracting(c -> c.get("clientId").asText())
                .containsExactlyInAnyOrder("anaiss-web", "anaiss-api", "anaiss-admin", "anaiss-directory");
        assertThat(realm.get("clients")).noneMatch(c -> c.has("secret"));
        assertThat(realm.get("clients")).noneMatch(c -> c.path("directAccessGrantsEnabled").asBoolean(false));
        JsonNode web = realm.get("clients").get(0);
        assertThat(web.get("redirectUris").toString()).doesNotContain("localhost").startsWith("[\"https://");
        // the realm itself is untouched: roles, user profile, mappers
        assertThat(realm.at("/roles/realm")).hasSize(7);
    }

    /** The production admin path: client credentials of a confidential client, no user, no password grant. */
    @Test
    void theAdminClientHasClientCredentialsOnly() {
        JsonNode realm = Rendered.find(PROD, "KeycloakRealmImport", "anaiss").spec().get("realm");
        JsonNode admin = null;
        for (JsonNode c : realm.get("clients")) {
            if (c.get("clientId").asText().equals("anaiss-admin")) {
                admin = c;
            }
        }
        assertThat(admin).isNotNull();
        assertThat(admin.get("publicClient").asBoolean()).isFalse();
        assertThat(admin.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(admin.get("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(admin.get("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(admin.get("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(admin.has("secret")).as("Keycloak generates the secret per environment").isFalse();
        assertThat(admin.get("protocolMappers").toString()).contains("\"included.custom.audience\":\"anaiss-api\"");
    }

    @Test
    void everythingRunsTwiceAtLeast() {
        assertThat(Policies.of(PROD, "HorizontalPodAutoscaler")).hasSize(4).allSatisfy(m -> {
            var spec = m.as(HorizontalPodAutoscaler.class).getSpec();
            assertThat(spec.getMinReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(spec.getMaxReplicas()).isGreaterThan(spec.getMinReplicas());
        });
        assertThat(Rendered.find(PROD, "Keycloak", "keycloak").spec().get("instances").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void imagesAreAReleaseNotASnapshot() {
        assertThat(Policies.of(PROD, "Deployment")).allSatisfy(d -> assertThat(
                d.as(io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec()
                        .getContainers().get(0).getImage()).doesNotContain("SNAPSHOT"));
    }
}
