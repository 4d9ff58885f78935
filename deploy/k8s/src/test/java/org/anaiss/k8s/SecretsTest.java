package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The Secrets nobody's operator writes (encryption, NIR hash and noise keys, mail relay and backup credentials)
 * come in prod from the secret store through ExternalSecrets that give every key the workloads read, and in dev
 * from scripts/create-dev-secrets.sh.
 */
class SecretsTest {

    /** Secret name -> the keys the rendering's workloads read from it, for the Secrets no operator writes. */
    static Map<String, Set<String>> ownedSecrets(List<Manifest> manifests) {
        Set<String> kafkaUsers = new TreeSet<>();
        Policies.of(manifests, "KafkaUser").forEach(u -> kafkaUsers.add(u.name()));
        Map<String, Set<String>> keys = new TreeMap<>();
        for (Manifest d : Policies.of(manifests, "Deployment")) {
            PodSpec pod = d.as(Deployment.class).getSpec().getTemplate().getSpec();
            pod.getContainers().forEach(c -> Policies.nullSafe(c.getEnv()).stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> keys.computeIfAbsent(e.getValueFrom().getSecretKeyRef().getName(), k -> new TreeSet<>())
                            .add(e.getValueFrom().getSecretKeyRef().getKey())));
            Policies.nullSafe(pod.getVolumes()).stream().filter(v -> v.getSecret() != null).forEach(v -> {
                Set<String> set = keys.computeIfAbsent(v.getSecret().getSecretName(), k -> new TreeSet<>());
                Policies.nullSafe(v.getSecret().getItems()).forEach(i -> set.add(i.getKey()));
            });
        }
        Policies.of(manifests, "ObjectStore").forEach(o -> o.spec().at("/configuration/s3Credentials").forEach(ref ->
                keys.computeIfAbsent(ref.path("name").asText(), k -> new TreeSet<>()).add(ref.path("key").asText())));
        // written by CloudNativePG (<cluster>-app, <cluster>-ca), the Strimzi User Operator (one per KafkaUser)
        // and cluster operator (<cluster>-cluster-ca-cert)
        keys.keySet().removeIf(name -> name.matches("pg-.*-(app|ca)") || kafkaUsers.contains(name) || name.equals("anaiss-cluster-ca-cert"));
        return keys;
    }

    @Test
    void prodTakesEverySecretItOwnsFromTheStoreWithEveryKeyRead() {
        List<Manifest> prod = Rendered.manifests("prod");
        Map<String, Set<String>> owned = ownedSecrets(prod);
        assertThat(owned.keySet()).containsExactlyInAnyOrder("anaiss-nir-hash", "case-service-crypto", "case-service-directory", "outreach-service-crypto",
                "stats-service-noise", "outreach-service-smtp", "anaiss-backup-s3", "gateway-web-session");
        Map<String, JsonNode> external = new TreeMap<>();
        Policies.of(prod, "ExternalSecret").forEach(e -> external.put(e.spec().at("/target/name").asText(), e.spec()));
        assertThat(external.keySet()).containsExactlyInAnyOrderElementsOf(owned.keySet());
        owned.forEach((secret, read) -> {
            JsonNode spec = external.get(secret);
            Set<String> given = new TreeSet<>();
            spec.get("data").forEach(d -> given.add(d.get("secretKey").asText()));
            assertThat(given).as("keys of ExternalSecret " + secret).containsAll(read);
            assertThat(spec.at("/secretStoreRef/kind").asText()).isEqualTo("ClusterSecretStore");
            // a store outage or a deleted remote value must not delete a key that decrypts stored data
            assertThat(spec.at("/target/deletionPolicy").asText()).as(secret).isEqualTo("Retain");
        });
    }

    @Test
    void devMakesItsOwnSecretsWithTheScriptAndHasNoExternalSecret() throws Exception {
        List<Manifest> dev = Rendered.manifests("dev");
        assertThat(Policies.of(dev, "ExternalSecret")).isEmpty();
        String script = Files.readString(Rendered.MODULE.resolve("scripts/create-dev-secrets.sh"));
        ownedSecrets(dev).forEach((secret, keys) -> {
            // outreach-service's SMTP login is optional (the dev mail catcher takes mail without login)
            if (secret.equals("outreach-service-smtp")) {
                return;
            }
            assertThat(script).as("create-dev-secrets.sh creates " + secret).contains("create " + secret + " ");
            keys.forEach(k -> assertThat(script).as(secret + " key " + k).contains("--from-literal=" + k + "="));
        });
    }
}
