package org.anaiss.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations of one service, read from the OpenAPI document the service serves itself
 * ({@code /q/openapi?format=json}): method, path, the roles of its security requirement, parameters
 * and request body with their schemas. Also makes well-formed values from those schemas, the base
 * that the hostile tests then spoil one place at a time.
 */
final class OpenApiModel {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    record Operation(Suite.Service service, String method, String path, Set<String> roles, boolean isPublic,
            List<Param> params, boolean bodyRequired, Map<String, JsonNode> body, OpenApiModel model) {

        String key() {
            return method + " " + path;
        }

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        boolean hasJsonBody() {
            return body.containsKey("application/json");
        }

        boolean isWrite() {
            return !method.equals("GET");
        }

        /** The route group of the gateway the operation belongs to (its rate limits differ). */
        String gatewayGroup() {
            if (isPublic) {
                return "public";
            }
            String[] parts = path.split("/");
            return parts.length > 2 ? parts[2] : "";
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private final Suite.Service service;
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    private OpenApiModel(Suite.Service service, JsonNode document) {
        this.service = service;
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(operation(op.getKey().toUpperCase(), path.getKey(), op.getValue(), shared));
                }
            }
        }
    }

    /** The document the running service serves itself. */
    static OpenApiModel of(Suite.Service service) {
        String url = Suite.get().url(service) + "/q/openapi?format=json";
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            return new OpenApiModel(service, JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of case-service, outreach-service and stats-service, in document order. */
    static List<Operation> all() {
        List<Operation> all = new ArrayList<>();
        for (Suite.Service s : List.of(Suite.Service.CASES, Suite.Service.OUTREACH, Suite.Service.STATS)) {
            all.addAll(of(s).operations());
        }
        return all;
    }

    List<Operation> operations() {
        return operations;
    }

    private Operation operation(String method, String path, JsonNode op, List<JsonNode> shared) {
        List<Param> params = new ArrayList<>();
        List<JsonNode> declared = new ArrayList<>(shared);
        op.path("parameters").forEach(declared::add);
        for (JsonNode p : declared) {
            JsonNode resolved = p.has("$ref") ? ref(p.get("$ref").asText()) : p;
            params.add(new Param(resolved.path("name").asText(), resolved.path("in").asText(),
                    resolved.path("required").asBoolean(false), resolved.path("schema")));
        }
        // roles: the scopes of the operation's security requirement (SmallRye names the scheme after the class)
        Set<String> roles = new LinkedHashSet<>();
        JsonNode security = op.path("security");
        boolean isPublic = !op.has("security") || security.isEmpty();
        security.forEach(requirement -> requirement.fields()
                .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
        Map<String, JsonNode> body = new LinkedHashMap<>();
        op.path("requestBody").path("content").fields().forEachRemaining(e -> body.put(e.getKey(), e.getValue().path("schema")));
        return new Operation(service, method, path, Set.copyOf(roles), isPublic, List.copyOf(params),
                op.path("requestBody").path("required").asBoolean(false), body, this);
    }

    private JsonNode ref(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("external reference " + ref);
        }
        JsonNode node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        if (node.isMissingNode()) {
            throw new IllegalStateException("unresolved reference " + ref);
        }
        return node;
    }

    /** The schema itself, or the one its {@code $ref} names. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            s = ref(s.get("$ref").asText());
        }
        return s;
    }

    /** The name of the component a schema refers to, or null. */
    static String refName(JsonNode schema) {
        String ref = schema.path("$ref").asText(null);
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** A schema that admits any JSON (Jackson's JsonNode, described by its getters). */
    boolean isFreeForm(JsonNode schema) {
        return "JsonNode".equals(refName(schema)) || resolve(schema).isEmpty();
    }

    /** The JSON type of a schema: string, integer, number, boolean, array, object. */
    String type(JsonNode schema) {
        JsonNode s = resolve(schema);
        String type = s.path("type").asText("");
        if (type.isEmpty()) {
            return s.has("properties") ? "object" : s.has("items") ? "array" : s.has("enum") ? "string" : "";
        }
        return type;
    }

    // ------------------------------------------------------------------ well-formed values

    /** A value the schema admits: its example if it has one, else one made from its constraints. */
    JsonNode valid(String fieldName, JsonNode schema, Random random, int depth) {
        JsonNode s = resolve(schema);
        if (isFreeForm(schema)) {
            return NODES.objectNode();
        }
        switch (type(schema)) {
            case "object": {
                ObjectNode object = s.path("examples").path(0).isObject() ? ((ObjectNode) s.path("examples").path(0)).deepCopy()
                        : NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                s.path("properties").fields().forEachRemaining(p -> {
                    if (!object.has(p.getKey())) {
                        object.set(p.getKey(), valid(p.getKey(), p.getValue(), random, depth + 1));
                    }
                });
                // identifiers in examples would collide (or point at someone's record): fresh ones
                s.path("properties").fields().forEachRemaining(p -> {
                    if ("uuid".equals(resolve(p.getValue()).path("format").asText())) {
                        object.put(p.getKey(), uuid(random));
                    }
                    if (p.getKey().equals("nir")) {
                        object.put(p.getKey(), nir(random));
                    }
                });
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int n = Math.max(1, s.path("minItems").asInt(1));
                for (int i = 0; i < n; i++) {
                    array.add(valid(fieldName, s.path("items"), random, depth + 1));
                }
                return array;
            }
            case "integer":
            case "number": {
                long v = s.has("minimum") ? s.get("minimum").asLong() : 1;
                if (s.has("maximum")) {
                    v = Math.min(v, s.get("maximum").asLong());
                }
                return NODES.numberNode(v);
            }
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(validString(fieldName, s, random));
        }
    }

    private String validString(String fieldName, JsonNode s, Random random) {
        if (s.has("enum")) {
            return s.get("enum").get(0).asText();
        }
        String format = s.path("format").asText("");
        String name = fieldName == null ? "" : fieldName.toLowerCase();
        switch (format) {
            case "uuid":
                return uuid(random);
            case "date":
                // a day of its own, before the days the outreach tests pick for their signals (2000 onwards),
                // so no campaign of another test selects what this one sends; deadlines lie ahead
                return name.contains("deadline") || name.contains("until") || name.contains("due") || name.contains("to")
                        ? LocalDate.now().plusDays(30).toString() : "1999-12-31";
            case "date-time":
                return LocalDate.now().plusDays(7) + "T10:00:00Z";
            default:
                break;
        }
        if (s.path("examples").path(0).isTextual()) {
            return s.path("examples").path(0).asText();
        }
        if (name.equals("nir")) {
            return nir(random);
        }
        if (name.contains("email")) {
            return "it-fuzz@it.anaiss.invalid";
        }
        String pattern = s.path("pattern").asText("");
        if (pattern.isEmpty() || pattern.equals("\\S")) {
            return "Test " + name;
        }
        for (String candidate : List.of("Test", "69003", "0472000000", "https://example.org/it", "it-system", "+33 4 72 00 00 00")) {
            if (Pattern.compile(pattern).matcher(candidate).matches()) {
                return candidate;
            }
        }
        if (pattern.matches("[A-Za-z_]+(\\|[A-Za-z_]+)+")) {
            return pattern.split("\\|")[0];
        }
        return "Test";
    }

    static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A well-formed NIR (control key computed) of nobody in the demo data. */
    static String nir(Random random) {
        String body = String.format("1%02d%02d69%03d%03d", 50 + random.nextInt(40), 1 + random.nextInt(12),
                1 + random.nextInt(999), 1 + random.nextInt(999));
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }

    /** The path with its parameters replaced by the given, already encoded, values. */
    static String fill(String path, Map<String, String> encoded) {
        String result = path;
        for (Map.Entry<String, String> e : encoded.entrySet()) {
            result = result.replace("{" + e.getKey() + "}", e.getValue());
        }
        return result;
    }
}
