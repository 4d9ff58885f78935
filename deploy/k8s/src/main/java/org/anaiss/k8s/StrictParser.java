package org.anaiss.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Parses every rendered object as its Kubernetes or operator type, rejecting what the API server would
 * reject with {@code kubectl apply --validate=strict}: unknown fields, wrong scalar types, kinds nobody
 * declared.
 * <ul>
 * <li>Core kinds: the fabric8 Kubernetes model. Strimzi kinds: the Strimzi API model ({@code io.strimzi:api}),
 * the classes Strimzi generates its CRDs from, plus a check that no deprecated field is used (the v1 API
 * dropped them) and that the apiVersion is one the CRD serves.</li>
 * <li>Gateway API and Prometheus Operator kinds: fabric8's models (kubernetes-model-gatewayapi,
 * openshift-model-monitoring).</li>
 * <li>CloudNativePG, the Barman Cloud plugin, the External Secrets Operator and the Keycloak operator publish no Java model: their kinds are
 * checked against schemas in {@code crd-schemas/}, subsets of the CRDs' OpenAPI ({@link StructuralSchema}).
 * {@code KeycloakRealmImport.spec.realm} is parsed as Keycloak's own {@code RealmRepresentation}.</li>
 * </ul>
 * Both models are made strict: the "additional properties" catch-alls of fabric8 and Strimzi are switched
 * off, and the object is written back and compared with its source, so a field the model silently drops
 * fails too.
 */
public final class StrictParser {

    /** apiVersion/kind of the kinds with a Java model. */
    static final Map<String, Class<?>> MODELS;
    /** apiVersion/kind of the kinds checked by a schema of crd-schemas/. */
    static final Map<String, String> SCHEMAS;

    static {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("v1/Namespace", Namespace.class);
        m.put("v1/ServiceAccount", ServiceAccount.class);
        m.put("v1/ConfigMap", ConfigMap.class);
        m.put("v1/Secret", Secret.class);
        m.put("v1/Service", Service.class);
        m.put("apps/v1/Deployment", Deployment.class);
        m.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
        m.put("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        m.put("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
        m.put("networking.k8s.io/v1/Ingress", Ingress.class);
        // Gateway API (standard channel, v1) and the Prometheus Operator (monitoring.coreos.com/v1): fabric8's models
        m.put("gateway.networking.k8s.io/v1/Gateway", Gateway.class);
        m.put("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class);
        m.put("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class);
        m.put("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);
        m.put("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);
        m.put("kafka.strimzi.io/v1/Kafka", Kafka.class);
        m.put("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class);
        m.put("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class);
        m.put("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class);
        MODELS = Collections.unmodifiableMap(m);

        Map<String, String> s = new LinkedHashMap<>();
        s.put("postgresql.cnpg.io/v1/Cluster", "crd-schemas/postgresql.cnpg.io_v1_Cluster.yaml");
        s.put("postgresql.cnpg.io/v1/ScheduledBackup", "crd-schemas/postgresql.cnpg.io_v1_ScheduledBackup.yaml");
        s.put("barmancloud.cnpg.io/v1/ObjectStore", "crd-schemas/barmancloud.cnpg.io_v1_ObjectStore.yaml");
        s.put("k8s.keycloak.org/v2alpha1/Keycloak", "crd-schemas/k8s.keycloak.org_v2alpha1_Keycloak.yaml");
        s.put("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "crd-schemas/k8s.keycloak.org_v2alpha1_KeycloakRealmImport.yaml");
        s.put("external-secrets.io/v1/ExternalSecret", "crd-schemas/external-secrets.io_v1_ExternalSecret.yaml");
        SCHEMAS = Collections.unmodifiableMap(s);
    }

    /** Jackson made as strict as the API server: no catch-all, no coercion, no ignored unknowns. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }

                // the models' own @JsonInclude (NON_DEFAULT, NON_EMPTY...) would hide values in the round trip
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated a) {
                    return JsonInclude.Value.empty();
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
                    return super.findPropertyIgnoralByName(config, a).withoutIgnoreUnknown();
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Plain JSON trees from YAML, for the round trip and the schemas. */
    static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<String, StructuralSchema> LOADED_SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private StrictParser() {
    }

    /** Splits a multi-document YAML stream into objects (empty documents skipped). */
    public static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new ManifestException("a YAML document is not an object: " + node);
                }
                docs.add((ObjectNode) node);
            }
        } catch (IOException e) {
            throw new ManifestException("not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** Parses a whole stream; every error of every object is collected before failing. */
    public static List<Manifest> parseAll(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (ObjectNode doc : documents(yaml)) {
            try {
                manifests.add(parse(doc));
            } catch (ManifestException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ManifestException(errors.size() + " object(s) do not parse strictly:\n - " + String.join("\n - ", errors));
        }
        return manifests;
    }

    /** One object, as its type; a {@link ManifestException} names the object and the offending path. */
    public static Manifest parse(ObjectNode json) {
        String apiVersion = json.path("apiVersion").asText("");
        String kind = json.path("kind").asText("");
        String name = json.path("metadata").path("name").asText("");
        String id = apiVersion + " " + kind + " " + (name.isEmpty() ? "(no name)" : name);
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new ManifestException(id + ": apiVersion, kind and metadata.name are required");
        }
        String type = apiVersion + "/" + kind;
        Class<?> model = MODELS.get(type);
        if (model != null) {
            Object parsed = parseAs(json, model, id);
            if (parsed instanceof CustomResource<?, ?> cr && cr.getClass().getName().startsWith("io.strimzi.")) {
                checkStrimzi(cr, apiVersion, id);
            }
            return new Manifest(json, parsed);
        }
        String schema = SCHEMAS.get(type);
        if (schema != null) {
            List<String> errors = schema(schema).validate(json);
            if (!errors.isEmpty()) {
                throw new ManifestException(id + ": " + String.join("; ", errors));
            }
            return new Manifest(json, json);
        }
        throw new ManifestException(id + ": no strict model for " + type
                + " (add one to StrictParser before using this kind, or fix a typo in apiVersion/kind)");
    }

    /** Strict Jackson parse of a tree as a Java type, then the round trip: nothing of the source may be lost. */
    public static <T> T parseAs(JsonNode json, Class<T> type, String id) {
        T value;
        try {
            value = STRICT.treeToValue(json, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestException(id + ": " + firstLine(e.getMessage()) + pathOf(e), e);
        }
        JsonNode back = STRICT.valueToTree(value);
        JsonNode source = json;
        if (value instanceof CustomResource<?, ?> && json.isObject()) {
            // a CustomResource class writes the apiVersion of its annotations (Strimzi: v1beta2 for Kafka);
            // the apiVersion is checked against the versions the CRD serves instead (checkStrimzi)
            source = json.deepCopy();
            ((ObjectNode) source).remove("apiVersion");
        }
        List<String> lost = new ArrayList<>();
        contained(source, back, "", lost);
        if (!lost.isEmpty()) {
            throw new ManifestException(id + ": not kept by " + type.getSimpleName() + " (unknown or ignored field): "
                    + String.join(", ", lost));
        }
        return value;
    }

    static StructuralSchema schema(String resource) {
        return LOADED_SCHEMAS.computeIfAbsent(resource, r -> {
            try (InputStream in = StrictParser.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + r);
                }
                return new StructuralSchema(YAML.readTree(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema " + r, e);
            }
        });
    }

    /** Every field and value of {@code source} is in {@code target} (which may add defaults). */
    static void contained(JsonNode source, JsonNode target, String path, List<String> lost) {
        if (source.isObject()) {
            if (!target.isObject()) {
                lost.add(where(path) + " (became " + target.getNodeType() + ")");
                return;
            }
            for (Map.Entry<String, JsonNode> e : source.properties()) {
                String p = path + "." + e.getKey();
                JsonNode t = target.get(e.getKey());
                if (t == null || t.isMissingNode()) {
                    if (!isEmpty(e.getValue())) {
                        lost.add(where(p));
                    }
                } else {
                    contained(e.getValue(), t, p, lost);
                }
            }
        } else if (source.isArray()) {
            if (!target.isArray() || target.size() != source.size()) {
                lost.add(where(path) + " (list changed)");
                return;
            }
            for (int i = 0; i < source.size(); i++) {
                contained(source.get(i), target.get(i), path + "[" + i + "]", lost);
            }
        } else if (source.isNumber() && target.isNumber()) {
            if (source.decimalValue().compareTo(target.decimalValue()) != 0) {
                lost.add(where(path) + " (value changed)");
            }
        } else if (!source.equals(target)) {
            lost.add(where(path) + " (value " + source + " became " + target + ")");
        }
    }

    private static boolean isEmpty(JsonNode n) {
        return n.isNull() || (n.isContainerNode() && n.isEmpty());
    }

    private static String where(String path) {
        return path.isEmpty() ? "(root)" : path.substring(1);
    }

    /**
     * Strimzi: the apiVersion must be served by the CRD, and no deprecated property may be set: the v1 API
     * removed every property v1beta2 had deprecated (the model marks them {@code @Deprecated}).
     */
    static void checkStrimzi(CustomResource<?, ?> resource, String apiVersion, String id) {
        @SuppressWarnings({ "unchecked", "rawtypes" })
        List<String> served = Crds.apiVersions((Class) resource.getClass());
        if (!served.contains(apiVersion)) {
            throw new ManifestException(id + ": apiVersion " + apiVersion + " is not served by the Strimzi CRD (" + served + ")");
        }
        List<String> deprecated = new ArrayList<>();
        deprecatedInUse(resource.getSpec(), "spec", deprecated, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!deprecated.isEmpty()) {
            throw new ManifestException(id + ": deprecated Strimzi field(s), removed in the v1 API: " + String.join(", ", deprecated));
        }
    }

    private static void deprecatedInUse(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                deprecatedInUse(o, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> deprecatedInUse(v, path + "." + k, found, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.strimzi.api.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getName().equals("getAdditionalProperties")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String property = propertyName(getter);
            boolean set = child != null && !(child instanceof Collection<?> c && c.isEmpty())
                    && !(child instanceof Map<?, ?> m && m.isEmpty());
            if (set && getter.isAnnotationPresent(Deprecated.class)) {
                found.add(path + "." + property);
            }
            deprecatedInUse(child, path + "." + property, found, seen);
        }
    }

    private static String propertyName(Method getter) {
        String n = getter.getName().startsWith("is") ? getter.getName().substring(2) : getter.getName().substring(3);
        return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static String pathOf(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder(" at ");
            for (var ref : jme.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
