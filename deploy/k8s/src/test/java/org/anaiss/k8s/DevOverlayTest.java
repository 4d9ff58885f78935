package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;

/** dev: one of everything, no backups, the demo realm. */
class DevOverlayTest {

    private static final List<Manifest> DEV = Rendered.manifests("dev");

    @Test
    void oneKafkaNodeWithSingleReplicaInternalTopics() {
        assertThat(Policies.of(DEV, "KafkaNodePool")).singleElement()
                .satisfies(m -> assertThat(m.as(KafkaNodePool.class).getSpec().getReplicas()).isEqualTo(1));
        var config = Rendered.find(DEV, "Kafka", "anaiss").as(io.strimzi.api.kafka.model.kafka.Kafka.class)
                .getSpec().getKafka().getConfig();
        assertThat(config).containsEntry("offsets.topic.replication.factor", 1)
                .containsEntry("transaction.state.log.replication.factor", 1)
                .containsEntry("transaction.state.log.min.isr", 1)
                .containsEntry("share.coordinator.state.topic.replication.factor", 1);
    }

    @Test
    void onePostgresInstancePerServiceAndNoBackups() {
        assertThat(Policies.of(DEV, "Cluster")).hasSize(5).allSatisfy(m -> {
            assertThat(m.spec().get("instances").asInt()).isEqualTo(1);
            assertThat(m.spec().has("plugins")).isFalse();
        });
        assertThat(Policies.of(DEV, "ScheduledBackup")).isEmpty();
        assertThat(Policies.of(DEV, "ObjectStore")).isEmpty();
    }

    @Test
    void oneReplicaOfEachServiceUpToTwo() {
        assertThat(Policies.of(DEV, "HorizontalPodAutoscaler")).hasSize(4).allSatisfy(m -> {
            assertThat(m.as(HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(1);
            assertThat(m.as(HorizontalPodAutoscaler.class).getSpec().getMaxReplicas()).isEqualTo(2);
        });
    }

    @Test
    void theDemoRealmKeepsItsUsersAndTestClient() {
        var realm = Rendered.find(DEV, "KeycloakRealmImport", "anaiss").spec().get("realm");
        assertThat(realm.get("users")).isNotEmpty();
        assertThat(realm.get("clients")).extracting(c -> c.get("clientId").asText()).contains("anaiss-test");
    }
}
