package org.anaiss.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Validates a tree against a schema written in the dialect of a CRD's {@code openAPIV3Schema}, with the
 * semantics of the API server under strict field validation: an object with {@code properties} accepts no
 * other field unless it declares {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}.
 * <p>
 * Supported keywords: type (object, array, string, integer, number, boolean), properties, required,
 * additionalProperties (a schema, or true/false), items, enum, pattern, minimum, maximum, minLength,
 * minItems, x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string. Any other keyword fails the
 * schema itself, so that a schema never looks stricter than it is. One extension:
 * {@code x-anaiss-java-type: <class>} hands the subtree to {@link StrictParser#parseAs} (a core type such
 * as ResourceRequirements, or Keycloak's RealmRepresentation).
 */
public final class StructuralSchema {

    private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties", "items",
            "enum", "pattern", "minimum", "maximum", "minLength", "minItems", "description",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-anaiss-java-type");

    private final JsonNode root;

    public StructuralSchema(JsonNode root) {
        List<String> problems = new ArrayList<>();
        checkSchema(root, "", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid schema: " + String.join("; ", problems));
        }
        this.root = root;
    }

    /** The violations, each with its path; empty when the tree is valid. */
    public List<String> validate(JsonNode value) {
        List<String> errors = new ArrayList<>();
        validate(value, root, "", errors);
        return errors;
    }

    private static void checkSchema(JsonNode schema, String path, List<String> problems) {
        if (!schema.isObject()) {
            problems.add(where(path) + ": a schema must be an object");
            return;
        }
        for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYWORDS.contains(k)) {
                problems.add(where(path) + ": unsupported keyword " + k);
            }
        }
        schema.path("properties").properties().forEach(e -> checkSchema(e.getValue(), path + "." + e.getKey(), problems));
        if (schema.has("items")) {
            checkSchema(schema.get("items"), path + "[]", problems);
        }
        if (schema.path("additionalProperties").isObject()) {
            checkSchema(schema.get("additionalProperties"), path + ".*", problems);
        }
        if (schema.has("x-anaiss-java-type")) {
            try {
                Class.forName(schema.get("x-anaiss-java-type").asText());
            } catch (ClassNotFoundException e) {
                problems.add(where(path) + ": unknown class " + schema.get("x-anaiss-java-type").asText());
            }
        }
    }

    private void validate(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.has("x-anaiss-java-type")) {
            try {
                Class<?> type = Class.forName(schema.get("x-anaiss-java-type").asText());
                StrictParser.parseAs(value, type, where(path));
            } catch (ManifestException e) {
                errors.add(e.getMessage());
            } catch (ClassNotFoundException e) {
                errors.add(where(path) + ": " + e);
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!(value.isIntegralNumber() || value.isTextual())) {
                errors.add(where(path) + ": must be an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        switch (type) {
            case "object" -> validateObject(value, schema, path, errors, preserve);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(where(path) + ": must be a list");
                    return;
                }
                if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                    errors.add(where(path) + ": needs at least " + schema.get("minItems").asInt() + " item(s)");
                }
                JsonNode items = schema.get("items");
                for (int i = 0; i < value.size(); i++) {
                    if (items != null) {
                        validate(value.get(i), items, path + "[" + i + "]", errors);
                    }
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(where(path) + ": must be a string, not " + value.getNodeType());
                    return;
                }
                if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
                    errors.add(where(path) + ": shorter than " + schema.get("minLength").asInt());
                }
                if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    errors.add(where(path) + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
                }
                checkEnum(value, schema, path, errors);
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(where(path) + ": must be an integer, not " + value.getNodeType());
                    return;
                }
                checkRange(value, schema, path, errors);
                checkEnum(value, schema, path, errors);
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(where(path) + ": must be a number, not " + value.getNodeType());
                    return;
                }
                checkRange(value, schema, path, errors);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(where(path) + ": must be true or false, not " + value.getNodeType());
                }
            }
            case "" -> {
                if (!preserve) {
                    errors.add(where(path) + ": the schema gives no type here");
                }
            }
            default -> errors.add(where(path) + ": unknown schema type " + type);
        }
    }

    private void validateObject(JsonNode value, JsonNode schema, String path, List<String> errors, boolean preserve) {
        if (!value.isObject()) {
            errors.add(where(path) + ": must be an object, not " + value.getNodeType());
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String p = path + "." + e.getKey();
            seen.add(e.getKey());
            if (properties.has(e.getKey())) {
                validate(e.getValue(), properties.get(e.getKey()), p, errors);
            } else if (additional != null && additional.isObject()) {
                validate(e.getValue(), additional, p, errors);
            } else if (!(preserve || (additional != null && additional.asBoolean(false)))) {
                errors.add(where(p) + ": unknown field");
            }
        }
        for (JsonNode r : schema.path("required")) {
            if (!seen.contains(r.asText())) {
                errors.add(where(path + "." + r.asText()) + ": required");
            }
        }
    }

    private static void checkEnum(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (!schema.has("enum")) {
            return;
        }
        for (JsonNode allowed : schema.get("enum")) {
            if (allowed.equals(value) || (allowed.isNumber() && value.isNumber()
                    && allowed.decimalValue().compareTo(value.decimalValue()) == 0)) {
                return;
            }
        }
        errors.add(where(path) + ": " + value + " is not one of " + schema.get("enum"));
    }

    private static void checkRange(JsonNode value, JsonNode schema, String path, List<String> errors) {
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            errors.add(where(path) + ": below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            errors.add(where(path) + ": above the maximum " + schema.get("maximum"));
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "(root)" : path.startsWith(".") ? path.substring(1) : path;
    }
}
