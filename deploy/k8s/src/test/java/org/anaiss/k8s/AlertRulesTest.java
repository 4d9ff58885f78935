package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/**
 * The PrometheusRule and the Grafana dashboard read only series that exist: the services' own (listed in
 * src/test/resources/service-metrics.txt, which each service's ExposedMetricsTest checks against its /q/metrics) or
 * those of a component of the cluster ({@link #EXTERNAL}). Every alert has a severity, a summary and a runbook
 * section of README.md.
 */
class AlertRulesTest {

    /** Series exported by the cluster's components, not by the services. */
    static final Set<String> EXTERNAL = Set.of(
            // Strimzi's Kafka Exporter (PodMonitor kafka)
            "kafka_consumergroup_lag", "kafka_topic_partition_current_offset",
            // cert-manager's controller
            "certmanager_certificate_expiration_timestamp_seconds");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "inf", "nan");

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyAlertNamesOnlySeriesThatAreExposed(String overlay) throws IOException {
        Set<String> known = known();
        PrometheusRule rules = Rendered.find(Rendered.manifests(overlay), "PrometheusRule", "anaiss").as(PrometheusRule.class);
        Set<String> records = new LinkedHashSet<>();
        List<Rule> all = new ArrayList<>();
        rules.getSpec().getGroups().forEach(g -> all.addAll(g.getRules()));
        all.stream().filter(r -> r.getRecord() != null).forEach(r -> records.add(r.getRecord()));
        assertThat(all).filteredOn(r -> r.getAlert() != null).extracting(Rule::getAlert)
                .contains("AnaissOutboxStuck", "AnaissDeadLetters", "AnaissMailFailures", "AnaissConsumerLag", "AnaissAuditChainBroken",
                        "AnaissCertificateExpiresSoon", "AnaissGatewayErrorRate", "AnaissGatewayLatency");
        for (Rule rule : all) {
            String expr = rule.getExpr().getStrVal();
            assertThat(expr).as(rule.getAlert()).isNotBlank();
            for (String series : series(expr)) {
                assertThat(known).as("%s names %s, which no service nor component exports", name(rule), series)
                        .contains(series);
            }
        }
        // every recording rule is used, and used after its definition's group has a name
        for (String record : records) {
            assertThat(all).as("recording rule %s used", record).anyMatch(r -> r.getAlert() != null && r.getExpr().getStrVal().contains(record));
        }
    }

    @Test
    void everyAlertHasASeveritySummaryAndARunbookSectionOfTheReadme() throws IOException {
        String readme = Files.readString(Rendered.MODULE.resolve("README.md"));
        Set<String> anchors = new LinkedHashSet<>();
        readme.lines().filter(l -> l.startsWith("#")).forEach(l -> anchors.add(
                l.replaceFirst("^#+\\s*", "").trim().toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-')));
        PrometheusRule rules = Rendered.find(Rendered.manifests("prod"), "PrometheusRule", "anaiss").as(PrometheusRule.class);
        rules.getSpec().getGroups().forEach(g -> g.getRules().stream().filter(r -> r.getAlert() != null).forEach(r -> {
            assertThat(r.getLabels()).as(r.getAlert()).containsKey("severity");
            assertThat(r.getLabels().get("severity")).isIn("warning", "critical");
            assertThat(r.getAnnotations()).as(r.getAlert()).containsKeys("summary", "description", "runbook_url");
            String url = r.getAnnotations().get("runbook_url");
            assertThat(url).startsWith("https://github.com/anaiss/anaiss/blob/main/deploy/k8s/README.md#");
            assertThat(anchors).as("README section for " + r.getAlert()).contains(url.substring(url.indexOf('#') + 1));
            // no label of the alert may carry a person or a staff member
            assertThat(r.getExpr().getStrVal()).doesNotContainPattern("(?i)(staff|user|person|nir)");
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theDashboardIsAConfigMapForTheGrafanaSidecarReadingOnlyExposedSeries(String overlay) throws IOException {
        ConfigMap cm = Rendered.find(Rendered.manifests(overlay), "ConfigMap", "anaiss-dashboard").as(ConfigMap.class);
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = new ObjectMapper().readTree(cm.getData().get("anaiss.json"));
        assertThat(dashboard.get("uid").asText()).isEqualTo("anaiss-overview");
        Set<String> known = known();
        int targets = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                targets++;
                for (String series : series(target.get("expr").asText())) {
                    assertThat(known).as("panel '%s' names %s", panel.get("title").asText(), series).contains(series);
                }
            }
        }
        assertThat(targets).isGreaterThanOrEqualTo(12);
    }

    @Test
    void theSeriesExtractionFindsAnUnknownName() {
        assertThat(series("max by (app_kubernetes_io_name) (anaiss_outbox_oldest_age_seconds{x=\"a_b\"}[5m]) > 300 and rate(foo_total[1m])"))
                .containsExactlyInAnyOrder("anaiss_outbox_oldest_age_seconds", "foo_total");
        assertThatThrownBy(() -> assertThat(known()).contains("anaiss_outbox_oldest_age")).isInstanceOf(AssertionError.class);
    }

    /** The series (metric names and recording rules) an expression reads. */
    static Set<String> series(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*\\}", " ") // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group();
            int after = m.end();
            while (after < s.length() && s.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < s.length() && s.charAt(after) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(id.toLowerCase())) {
                out.add(id);
            }
        }
        return out;
    }

    private static Set<String> known() throws IOException {
        Set<String> known = new LinkedHashSet<>(EXTERNAL);
        Files.readAllLines(Rendered.MODULE.resolve("src/test/resources/service-metrics.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> known.add(l.trim().split("\\s+")[1]));
        // the recording rules of the PrometheusRule
        PrometheusRule rules = Rendered.find(Rendered.manifests("prod"), "PrometheusRule", "anaiss").as(PrometheusRule.class);
        rules.getSpec().getGroups().forEach(g -> g.getRules().stream().filter(r -> r.getRecord() != null).forEach(r -> known.add(r.getRecord())));
        return known;
    }

    private static String name(Rule r) {
        return r.getAlert() != null ? r.getAlert() : r.getRecord();
    }
}
