package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The manifests give each service what its application.properties reads, and every Secret the manifests use is
 * documented in the README. The images: {@link ImagesTest}.
 */
class ServiceWiringTest {

    private static final Map<String, String> PORT_VARIABLE = Map.of("gateway", "ANAISS_GATEWAY_PORT",
            "case-service", "ANAISS_CASE_PORT", "outreach-service", "ANAISS_OUTREACH_PORT", "stats-service", "ANAISS_STATS_PORT");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(ANAISS_[A-Z0-9_]+)(?::([^}]*))?}");

    /** The environment a service's container gets: env entries and the ConfigMaps it reads (secret values shown as "<secret>"). */
    static Map<String, String> environment(String overlay, String service) {
        var manifests = Rendered.manifests(overlay);
        Container c = Rendered.find(manifests, "Deployment", service).as(Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new HashMap<>();
        for (EnvFromSource from : Policies.nullSafe(c.getEnvFrom())) {
            ConfigMap cm = Rendered.find(manifests, "ConfigMap", from.getConfigMapRef().getName()).as(ConfigMap.class);
            env.putAll(cm.getData());
        }
        for (EnvVar e : Policies.nullSafe(c.getEnv())) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : "<secret>");
        }
        return env;
    }

    /**
     * Every ANAISS_* variable a service reads without a default, or whose default only makes sense on a
     * developer's machine (localhost, 127.0.0.1, "-local-only" passwords), is set in the cluster.
     */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyVariableAServiceNeedsIsSet(String overlay) throws IOException {
        for (String service : Policies.SERVICES) {
            Map<String, String> env = environment(overlay, service);
            Set<String> needed = new TreeSet<>();
            for (String line : Files.readAllLines(Rendered.REPO.resolve(service).resolve("src/main/resources/application.properties"))) {
                int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 0
                        // the cluster sets the whole property (e.g. KAFKA_SASL_JAAS_CONFIG): its local default is unused
                        || env.containsKey(line.substring(0, eq).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT))) {
                    continue;
                }
                Matcher m = VARIABLE.matcher(line);
                while (m.find()) {
                    String def = m.group(2);
                    if (def == null || def.contains("localhost") || def.contains("127.0.0.1") || def.contains("local-only")) {
                        needed.add(m.group(1));
                    }
                }
            }
            assertThat(env.keySet()).as(service + " in " + overlay).containsAll(needed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceListensOn8080AndTheGatewayFindsTheOthers(String overlay) {
        for (String service : Policies.SERVICES) {
            assertThat(environment(overlay, service)).containsEntry(PORT_VARIABLE.get(service), "8080");
        }
        assertThat(environment(overlay, "gateway"))
                .containsEntry("ANAISS_CASE_URL", "http://case-service:8080")
                .containsEntry("ANAISS_OUTREACH_URL", "http://outreach-service:8080")
                .containsEntry("ANAISS_STATS_URL", "http://stats-service:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "prod-ingress" })
    void tokensAreCheckedAgainstThePublicIssuerOfTheKeycloakOfTheOverlay(String overlay) {
        var manifests = Rendered.manifests(overlay);
        String hostname = Rendered.find(manifests, "Keycloak", "keycloak").spec().at("/hostname/hostname").asText();
        for (String service : Policies.SERVICES) {
            Map<String, String> env = environment(overlay, service);
            assertThat(env).containsEntry("QUARKUS_OIDC_TOKEN_ISSUER", hostname + "/realms/anaiss")
                    .containsEntry("ANAISS_OIDC_URL", "http://keycloak-service:8080/realms/anaiss");
        }
        String publicHost = overlay.endsWith("-ingress")
                ? Rendered.find(manifests, "Ingress", "keycloak").json().at("/spec/rules/0/host").asText()
                : Rendered.find(manifests, "Gateway", "anaiss").json().at("/spec/listeners/1/hostname").asText();
        assertThat(hostname).isEqualTo("https://" + publicHost);
    }

    @Test
    void kafkaClientsUseTlsAndScramWithTheirOwnPrincipal() {
        for (String service : java.util.List.of("case-service", "outreach-service", "stats-service")) {
            Map<String, String> env = environment("prod", service);
            assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", "<secret>");
            EnvVar jaas = Rendered.find(Rendered.manifests("prod"), "Deployment", service).as(Deployment.class)
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst().orElseThrow();
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).as("the KafkaUser's own Secret").isEqualTo(service);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
        }
        assertThat(environment("prod", "gateway")).doesNotContainKeys("KAFKA_SASL_JAAS_CONFIG", "ANAISS_KAFKA_BOOTSTRAP");
    }

    @Test
    void caseAndOutreachShareTheNirHashKeyAndNothingElse() {
        PodSpec cases = Rendered.find(Rendered.manifests("prod"), "Deployment", "case-service").as(Deployment.class)
                .getSpec().getTemplate().getSpec();
        PodSpec outreach = Rendered.find(Rendered.manifests("prod"), "Deployment", "outreach-service").as(Deployment.class)
                .getSpec().getTemplate().getSpec();
        assertThat(secretsOf(cases)).containsExactlyInAnyOrder("pg-cases-app", "case-service", "case-service-crypto",
                "case-service-directory", "anaiss-nir-hash", "anaiss-cluster-ca-cert", "pg-cases-ca");
        assertThat(secretsOf(outreach)).containsExactlyInAnyOrder("pg-outreach-app", "outreach-service",
                "outreach-service-crypto", "anaiss-nir-hash", "anaiss-cluster-ca-cert", "pg-outreach-ca", "outreach-service-smtp");
    }

    private static Set<String> secretsOf(PodSpec pod) {
        Set<String> names = new TreeSet<>();
        pod.getContainers().forEach(c -> Policies.nullSafe(c.getEnv()).stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .forEach(e -> names.add(e.getValueFrom().getSecretKeyRef().getName())));
        Policies.nullSafe(pod.getVolumes()).stream().filter(v -> v.getSecret() != null)
                .forEach(v -> names.add(v.getSecret().getSecretName()));
        return names;
    }

    /** Every Secret the manifests read is explained in the README (who creates it, how to rotate it). */
    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod", "prod-ingress" })
    void everySecretUsedIsDocumented(String overlay) throws IOException {
        String readme = Files.readString(Rendered.MODULE.resolve("README.md"));
        var manifests = Rendered.manifests(overlay);
        Set<String> secrets = new TreeSet<>();
        Policies.of(manifests, "Deployment").forEach(d -> secrets.addAll(secretsOf(d.as(Deployment.class).getSpec().getTemplate().getSpec())));
        Policies.of(manifests, "Keycloak").forEach(k -> {
            secrets.add(k.spec().at("/db/usernameSecret/name").asText());
            secrets.add(k.spec().at("/db/passwordSecret/name").asText());
        });
        Policies.of(manifests, "ObjectStore").forEach(o -> o.spec().at("/configuration/s3Credentials")
                .forEach(ref -> secrets.add(ref.path("name").asText())));
        Policies.of(manifests, "Ingress").forEach(i -> i.json().at("/spec/tls").forEach(t -> secrets.add(t.path("secretName").asText())));
        Policies.of(manifests, "Gateway").forEach(g -> g.json().at("/spec/listeners")
                .forEach(l -> l.at("/tls/certificateRefs").forEach(r -> secrets.add(r.path("name").asText()))));
        Policies.of(manifests, "ExternalSecret").forEach(e -> secrets.add(e.spec().at("/target/name").asText()));
        assertThat(secrets).isNotEmpty().allSatisfy(s -> assertThat(readme).as("README mentions Secret " + s).contains("`" + s));
    }
}
