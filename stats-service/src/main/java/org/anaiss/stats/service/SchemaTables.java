package org.anaiss.stats.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;

import tools.jackson.databind.JsonNode;

/**
 * Reads the tables a producer's stats-aggregates schema declares. The convention (docs/stats.md):
 * a subschema whose {@code properties} hold {@code dimensions} as a {@code const} array and
 * {@code cells.items.prefixItems} (one enum per dimension, null included for "all", then the
 * integer count) declares the tables of the measures in scope: its own {@code properties.measure}
 * ({@code const} or {@code enum}), else the {@code measure} of the {@code if} next to it, else the
 * nearest enclosing one. Such subschemas may sit in allOf/anyOf/oneOf or if/then branches. Anything
 * else is refused: stats-service serves only what it can check.
 */
final class SchemaTables {

    private final String producer;
    private final JsonNode root;
    private final Map<String, TableDefinition> tables = new LinkedHashMap<>();

    private SchemaTables(String producer, JsonNode root) {
        this.producer = producer;
        this.root = root;
    }

    /** @throws IllegalArgumentException naming what in the schema breaks the convention */
    static List<TableDefinition> read(String producer, JsonNode schema) {
        SchemaTables reader = new SchemaTables(producer, schema);
        reader.visit(schema, List.of());
        if (reader.tables.isEmpty()) {
            throw new IllegalArgumentException("the stats-aggregates schema of " + producer + " declares no table "
                    + "(no subschema with properties.dimensions as a const array and properties.cells.items.prefixItems)");
        }
        return List.copyOf(reader.tables.values());
    }

    private void visit(JsonNode node, List<String> measuresInScope) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode properties = node.path("properties");
        List<String> measures = measuresIn(properties.path("measure"), measuresInScope);
        if (properties.path("dimensions").has("const")) {
            declare(properties, measures);
        }
        if (properties.isObject()) {
            for (String name : properties.propertyNames()) {
                visit(properties.get(name), measures);
            }
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode branch : node.path(combinator).values()) {
                visit(branch, measures);
            }
        }
        visit(node.get("items"), measures);
        for (JsonNode item : node.path("prefixItems").values()) {
            visit(item, measures);
        }
        if (node.has("then")) {
            visit(node.get("then"), measuresIn(node.path("if").path("properties").path("measure"), measures));
        }
        visit(node.get("else"), measures);
    }

    private static List<String> measuresIn(JsonNode measure, List<String> otherwise) {
        if (measure.has("const")) {
            return List.of(measure.get("const").stringValue());
        }
        if (measure.path("enum").isArray()) {
            List<String> names = new ArrayList<>();
            measure.get("enum").values().forEach(v -> names.add(v.stringValue()));
            return names;
        }
        return otherwise;
    }

    private void declare(JsonNode properties, List<String> measures) {
        if (measures.isEmpty()) {
            throw new IllegalArgumentException(producer + ": a dimensions list with no measure in scope");
        }
        JsonNode names = properties.path("dimensions").get("const");
        JsonNode items = resolve(properties.path("cells")).path("items").path("prefixItems");
        if (!names.isArray() || !items.isArray() || items.size() != names.size() + 1) {
            throw new IllegalArgumentException(producer + ": cells.items.prefixItems must hold one item per dimension, then the count");
        }
        List<Dimension> dimensions = new ArrayList<>();
        Map<Dimension, List<String>> domains = new EnumMap<>(Dimension.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).stringValue();
            Dimension dimension = Dimension.byApiName(name).orElseThrow(() -> new IllegalArgumentException(producer
                    + ": '" + name + "' is not an allowed dimension " + Dimension.apiNames()));
            if (dimensions.contains(dimension)) {
                throw new IllegalArgumentException(producer + ": dimension " + name + " is listed twice");
            }
            dimensions.add(dimension);
            domains.put(dimension, domain(name, resolve(items.get(i))));
        }
        boolean suppressible = suppressible(resolve(items.get(names.size())));
        for (String measure : measures) {
            if (measure == null || !measure.matches("[a-z][a-z0-9_]{0,49}")) {
                throw new IllegalArgumentException(producer + ": measure names must match [a-z][a-z0-9_]{0,49}");
            }
            TableDefinition table = new TableDefinition(producer, measure, dimensions, domains, suppressible);
            TableDefinition previous = tables.putIfAbsent(measure, table);
            if (previous != null && !previous.equals(table)) {
                throw new IllegalArgumentException(producer + ": measure " + measure + " is declared twice, differently");
            }
        }
    }

    /**
     * The last item of a cell: the integer count, or (a table the producer may suppress by region)
     * anyOf/oneOf of the integer count and the constant suppression marker.
     */
    private boolean suppressible(JsonNode item) {
        if (isCount(item)) {
            return false;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode branches = item.path(combinator);
            if (branches.isArray() && branches.size() == 2) {
                JsonNode first = resolve(branches.get(0));
                JsonNode second = resolve(branches.get(1));
                if (isCount(first) && isMarker(second) || isCount(second) && isMarker(first)) {
                    return true;
                }
            }
        }
        throw new IllegalArgumentException(producer + ": the last item of a cell must be the integer count, or anyOf "
                + "the integer count and the constant \"" + TableDefinition.UNIT_TOO_SMALL + "\"");
    }

    private static boolean isCount(JsonNode item) {
        return "integer".equals(item.path("type").stringValue(null));
    }

    private static boolean isMarker(JsonNode item) {
        return TableDefinition.UNIT_TOO_SMALL.equals(item.path("const").stringValue(null));
    }

    private List<String> domain(String dimension, JsonNode item) {
        JsonNode values = item.path("enum");
        boolean all = false;
        List<String> domain = new ArrayList<>();
        for (JsonNode v : values.values()) {
            if (v.isNull()) {
                all = true;
            } else if (v.isString() && v.stringValue().matches("[A-Za-z0-9_]{1,40}")) {
                domain.add(v.stringValue());
            } else {
                throw new IllegalArgumentException(producer + ": values of " + dimension + " must match [A-Za-z0-9_]{1,40}");
            }
        }
        if (!all || domain.isEmpty()) {
            throw new IllegalArgumentException(producer + ": " + dimension
                    + " must be an enum of its values plus null (null = all values)");
        }
        return List.copyOf(domain);
    }

    /** Follows a local $ref ("#/$defs/x"); the schemas are self-contained. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").stringValue();
            if (ref == null || !ref.startsWith("#")) {
                throw new IllegalArgumentException(producer + ": only local $ref are supported in the cell items");
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
