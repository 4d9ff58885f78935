package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

/** Topics agree with deploy/local/kafka/topics.txt, and each principal has exactly the grants of docs/DESIGN.md. */
class KafkaTest {

    /** topics.txt: name, partitions, comma-separated configs. */
    private static Map<String, Map<String, String>> localTopics() throws IOException {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Rendered.REPO.resolve("deploy/local/kafka/topics.txt"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            Map<String, String> config = new LinkedHashMap<>();
            config.put("partitions", parts[1]);
            if (parts.length > 2) {
                for (String kv : parts[2].split(",")) {
                    String[] p = kv.split("=", 2);
                    config.put(p[0], p[1]);
                }
            }
            topics.put(parts[0], config);
        }
        return topics;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theTopicsAreThoseOfTheLocalSetup(String overlay) throws IOException {
        Map<String, Map<String, String>> expected = localTopics();
        Map<String, KafkaTopic> topics = Policies.of(Rendered.manifests(overlay), "KafkaTopic").stream()
                .collect(Collectors.toMap(Manifest::name, m -> m.as(KafkaTopic.class)));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet())
                .doesNotContain("stats-aggregates-dlq");
        expected.forEach((name, config) -> {
            KafkaTopic topic = topics.get(name);
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "anaiss");
            assertThat(topic.getSpec().getPartitions()).as(name).isEqualTo(Integer.parseInt(config.get("partitions")));
            config.forEach((k, v) -> {
                if (!k.equals("partitions")) {
                    assertThat(String.valueOf(topic.getSpec().getConfig().get(k))).as(name + " " + k).isEqualTo(v);
                }
            });
        });
        assertThat(topics.get("stats-aggregates").getSpec().getConfig()).containsEntry("cleanup.policy", "compact");
        int brokers = overlay.equals("prod") ? 3 : 1;
        topics.values().forEach(t -> {
            assertThat(t.getSpec().getReplicas()).isEqualTo(brokers);
            assertThat(((Number) t.getSpec().getConfig().get("min.insync.replicas")).intValue()).isEqualTo(Math.max(1, brokers - 1));
        });
    }

    private static Set<String> grants(List<io.strimzi.api.kafka.model.user.KafkaUser> users, String name) {
        KafkaUser user = users.stream().filter(u -> u.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
        Set<String> grants = new TreeSet<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            String resource = rule.getResource() instanceof AclRuleTopicResource t
                    ? "topic " + t.getName() + " " + t.getPatternType().toValue()
                    : rule.getResource() instanceof AclRuleGroupResource g ? "group " + g.getName() + " " + g.getPatternType().toValue()
                            : rule.getResource().getType();
            for (AclOperation op : rule.getOperations()) {
                grants.add(resource + " " + op.toValue());
            }
        }
        return grants;
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void eachServiceHasExactlyTheGrantsOfTheDesign(String overlay) {
        List<KafkaUser> users = Policies.of(Rendered.manifests(overlay), "KafkaUser").stream().map(m -> m.as(KafkaUser.class)).toList();
        assertThat(users).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrder("case-service", "outreach-service", "stats-service");
        assertThat(grants(users, "case-service")).containsExactlyInAnyOrder(
                "topic case-events literal Write", "topic case-events literal Describe",
                "topic offer-accepted literal Read", "topic offer-accepted literal Describe",
                "group case-service literal Read",
                "topic offer-accepted-dlq literal Write",
                "topic stats-aggregates literal Write",
                "topic person-erasures literal Write",
                "topic erasure-confirmations literal Read",
                "topic erasure-confirmations-dlq literal Write");
        assertThat(grants(users, "outreach-service")).containsExactlyInAnyOrder(
                "topic offer-accepted literal Write",
                "topic case-events literal Read",
                "group outreach-service literal Read",
                "topic case-events-dlq literal Write",
                "topic stats-aggregates literal Write",
                "topic person-erasures literal Read",
                "topic person-erasures-dlq literal Write",
                "topic erasure-confirmations literal Write");
        assertThat(grants(users, "stats-service")).containsExactlyInAnyOrder(
                "topic stats-aggregates literal Read", "topic stats-aggregates literal Describe",
                "group stats-service prefix Read");
    }
}
