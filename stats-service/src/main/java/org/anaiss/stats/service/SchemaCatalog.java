package org.anaiss.stats.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.ReleasePolicy;
import org.anaiss.stats.domain.TableDefinition;
import org.jboss.logging.Logger;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producers' stats-aggregates schemas, copied into this service at build time from the
 * producers' own modules (schemas/&lt;producer&gt;/stats-aggregates*.json): the validators of the
 * messages, and the tables (measures, dimensions, values) they declare. A bundled schema that names
 * a dimension outside the allowed list, declares a table the release policy does not allow as
 * declared, or that stats-service cannot read, stops the startup.
 */
@Singleton
public class SchemaCatalog {

    private static final Logger LOG = Logger.getLogger(SchemaCatalog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_VERSION = 20;

    private final Map<String, List<Schema>> validators;
    private final Map<String, Map<String, TableDefinition>> tables;

    @jakarta.inject.Inject
    public SchemaCatalog(StatsConfig config) {
        this(fromClasspath(config.ingest().producers()));
    }

    /** @param schemas producer → its schema documents (JSON text), oldest version first */
    public SchemaCatalog(Map<String, List<String>> schemas) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        // "format" (uuid, date-time) is an assertion here, not an annotation
                        .formatAssertionsEnabled(true).build()));
        Map<String, List<Schema>> compiled = new LinkedHashMap<>();
        Map<String, Map<String, TableDefinition>> declared = new LinkedHashMap<>();
        schemas.forEach((producer, documents) -> {
            if (!producer.matches("[a-z][a-z0-9-]{0,49}")) {
                throw new IllegalArgumentException("producer names must match [a-z][a-z0-9-]{0,49}");
            }
            for (String document : documents) {
                JsonNode node = JSON.readTree(document);
                Schema schema = registry.getSchema(node);
                schema.initializeValidators();
                compiled.computeIfAbsent(producer, p -> new ArrayList<>()).add(schema);
                for (TableDefinition table : SchemaTables.read(producer, node)) {
                    // a later schema version may add values; the latest declaration wins
                    declared.computeIfAbsent(producer, p -> new LinkedHashMap<>()).put(table.measure(), table);
                }
            }
        });
        declared.values().forEach(byMeasure -> byMeasure.values().forEach(table -> ReleasePolicy.refusal(table).ifPresent(reason -> {
            throw new IllegalArgumentException("release policy: " + reason);
        })));
        this.validators = Map.copyOf(compiled);
        this.tables = Map.copyOf(declared);
    }

    static Map<String, List<String>> fromClasspath(List<String> producers) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String producer : producers) {
            List<String> documents = new ArrayList<>();
            for (int version = 1; version <= MAX_VERSION; version++) {
                read(loader, "schemas/" + producer + "/stats-aggregates.v" + version + ".json").ifPresent(documents::add);
            }
            if (documents.isEmpty()) {
                LOG.infof("no stats-aggregates schema bundled for %s: its messages will be rejected", producer);
            } else {
                found.put(producer, documents);
                LOG.infof("%d stats-aggregates schema(s) bundled for %s", documents.size(), producer);
            }
        }
        return found;
    }

    private static Optional<String> read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public boolean knows(String producer) {
        return validators.containsKey(producer);
    }

    /**
     * Validates a message against the producer's schemas: it conforms when one of them accepts it.
     * @return empty when valid, else the reasons given by the latest schema (keyword and location only)
     */
    public List<String> violations(String producer, JsonNode message) {
        List<Error> errors = List.of();
        for (Schema schema : validators.getOrDefault(producer, List.of())) {
            errors = schema.validate(message);
            if (errors.isEmpty()) {
                return List.of();
            }
        }
        return errors.stream().map(SchemaCatalog::describe).distinct().limit(5).collect(Collectors.toList());
    }

    /** Keyword and where, never the value nor an unknown property's name: either could be data. */
    static String describe(Error error) {
        String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        location = location.replaceAll("[^A-Za-z0-9_$/.\\[\\]]", "?");
        if (location.length() > 80) {
            location = location.substring(0, 80) + "...";
        }
        String keyword = error.getKeyword() == null ? "invalid" : error.getKeyword().replaceAll("[^A-Za-z$]", "");
        return keyword + " at " + (location.isEmpty() ? "/" : location);
    }

    public Optional<TableDefinition> table(String producer, String measure) {
        return Optional.ofNullable(tables.getOrDefault(producer, Map.of()).get(measure));
    }

    /** Every table of every producer, producers in configuration order. */
    public List<TableDefinition> tables() {
        return tables.values().stream().map(Map::values).flatMap(Collection::stream).toList();
    }

    /** The tables of this measure name, whatever their producer (normally one). */
    public List<TableDefinition> tablesOf(String measure) {
        return tables().stream().filter(t -> t.measure().equals(measure)).toList();
    }
}
