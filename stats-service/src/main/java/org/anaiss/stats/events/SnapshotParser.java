package org.anaiss.stats.events;

import org.anaiss.stats.domain.SnapshotMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.service.SchemaCatalog;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a stats-aggregates record into a snapshot, or refuses it. First the producer's schema (the
 * contract, additionalProperties false at every level), then what a schema cannot say: the key is
 * the snapshot's coordinates, the period has the granularity's format, the dimensions are the
 * table's, allowed ones, and no cell is given twice.
 */
@Singleton
public class SnapshotParser {

    /** Well-formed keys: bounded, no spaces, nothing that could be free text. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,49}/[a-z][a-z0-9_]{0,49}/[A-Z]{1,10}/[0-9A-Z-]{4,10}");
    private static final JsonMapper JSON = JsonMapper.builder()
            // a repeated property could smuggle a second value past the schema
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final SchemaCatalog catalog;
    private final int maxMessageBytes;

    @jakarta.inject.Inject
    public SnapshotParser(SchemaCatalog catalog, StatsConfig config) {
        this(catalog, config.ingest().maxMessageBytes());
    }

    public SnapshotParser(SchemaCatalog catalog, int maxMessageBytes) {
        this.catalog = catalog;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The key as it may be recorded with a rejection: only when it is well formed. */
    public static String recordableKey(String key) {
        return key != null && KEY.matcher(key).matches() ? key : null;
    }

    public SnapshotMessage parse(String key, String payload) {
        if (payload == null || payload.isEmpty()) {
            throw new RejectedMessageException("empty message");
        }
        // characters, not bytes: a cheap first bound; the broker bounds the bytes
        if (payload.length() > maxMessageBytes) {
            throw new RejectedMessageException("message larger than " + maxMessageBytes + " characters");
        }
        if (recordableKey(key) == null) {
            throw new RejectedMessageException("missing or malformed key: expected producer/measure/granularity/period");
        }
        String producer = key.substring(0, key.indexOf('/'));
        if (!catalog.knows(producer)) {
            throw new RejectedMessageException("no stats-aggregates schema is known for the producer named in the key");
        }
        JsonNode message;
        try {
            message = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedMessageException("not a JSON document (" + e.getClass().getSimpleName() + ")");
        }
        List<String> violations = catalog.violations(producer, message);
        if (!violations.isEmpty()) {
            throw new RejectedMessageException("does not conform to the producer's schema: " + String.join("; ", violations));
        }
        return snapshot(key, producer, message);
    }

    private SnapshotMessage snapshot(String key, String producer, JsonNode message) {
        JsonNode data = message.path("data");
        String measure = text(data, "measure");
        if (!producer.equals(text(data, "producer"))) {
            throw new RejectedMessageException("data.producer differs from the producer named in the key");
        }
        TableDefinition table = catalog.table(producer, measure)
                .orElseThrow(() -> new RejectedMessageException("data.measure is not a table of this producer"));
        Granularity granularity = granularity(text(data, "granularity"));
        String period = text(data, "period");
        if (!granularity.accepts(period)) {
            throw new RejectedMessageException("data.period does not have the format of data.granularity");
        }
        String expectedKey = producer + "/" + measure + "/" + granularity.name() + "/" + period;
        if (!expectedKey.equals(key)) {
            throw new RejectedMessageException("the record key is not producer/measure/granularity/period of data");
        }
        if (message.has("subject") && !expectedKey.equals(message.get("subject").stringValue(null))) {
            throw new RejectedMessageException("subject is not producer/measure/granularity/period of data");
        }
        List<String> dimensions = new ArrayList<>();
        data.path("dimensions").values().forEach(d -> dimensions.add(d.stringValue(null)));
        if (!dimensions.equals(table.dimensions().stream().map(Dimension::apiName).toList())) {
            throw new RejectedMessageException("data.dimensions are not the dimensions of this table");
        }
        JsonNode version = data.path("version");
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
            throw new RejectedMessageException("data.version must be a positive 64-bit integer");
        }
        if (!data.path("released").isBoolean() || !data.path("released").booleanValue()) {
            throw new RejectedMessageException("data.released is not true: only released periods are accepted");
        }
        List<String> suppressed = new ArrayList<>();
        List<SnapshotMessage.Cell> cells = cells(table, data.path("cells"), suppressed);
        return new SnapshotMessage(key, text(message, "id"), time(message), table, granularity, period,
                version.longValue(), cells, suppressed);
    }

    /**
     * The counted cells; the regions marked suppressed go to {@code suppressed}. A marker stands for a
     * whole region: it is allowed only on the region's own total (every other dimension "all"), in a
     * table the producer declares suppressible, and no other cell of that region may be sent (a count
     * beside the marker, or which cells exist, would tell what the marker hides).
     */
    private static List<SnapshotMessage.Cell> cells(TableDefinition table, JsonNode cells, List<String> suppressed) {
        int width = table.dimensions().size();
        int regionAt = table.dimensions().indexOf(Dimension.REGION);
        List<SnapshotMessage.Cell> result = new ArrayList<>(cells.size());
        Set<List<String>> seen = new HashSet<>(cells.size() * 2);
        Set<String> regionsCounted = new HashSet<>();
        int index = 0;
        for (JsonNode cell : cells.values()) {
            if (!cell.isArray() || cell.size() != width + 1) {
                throw new RejectedMessageException("data.cells[" + index + "] does not have one value per dimension and a count");
            }
            String[] values = new String[width];
            for (int i = 0; i < width; i++) {
                JsonNode v = cell.get(i);
                Dimension dimension = table.dimensions().get(i);
                if (!v.isNull() && !(v.isString() && table.domain(dimension).contains(v.stringValue()))) {
                    throw new RejectedMessageException("data.cells[" + index + "][" + i + "] is not a value of " + dimension.apiName());
                }
                values[i] = v.isNull() ? null : v.stringValue();
            }
            JsonNode count = cell.get(width);
            if (!seen.add(Arrays.asList(values))) {
                throw new RejectedMessageException("data.cells[" + index + "] repeats the dimension values of an earlier cell");
            }
            if (count.isString() && TableDefinition.UNIT_TOO_SMALL.equals(count.stringValue())) {
                if (!table.suppressible() || regionAt < 0 || values[regionAt] == null
                        || Arrays.stream(values).filter(java.util.Objects::nonNull).count() != 1) {
                    throw new RejectedMessageException("data.cells[" + index + "] is a suppression marker on something else "
                            + "than a region's own total");
                }
                suppressed.add(values[regionAt]);
            } else if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
                throw new RejectedMessageException("data.cells[" + index + "][" + width + "] must be a count from 0 to 2^31-1");
            } else {
                if (regionAt >= 0 && values[regionAt] != null) {
                    regionsCounted.add(values[regionAt]);
                }
                result.add(new SnapshotMessage.Cell(values, count.intValue()));
            }
            index++;
        }
        for (String region : suppressed) {
            if (regionsCounted.contains(region)) {
                throw new RejectedMessageException("data.cells holds counts of a region it marks suppressed");
            }
        }
        return result;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw new RejectedMessageException(field + " is missing or not a string");
        }
        return value.stringValue();
    }

    private static Granularity granularity(String name) {
        try {
            return Granularity.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new RejectedMessageException("data.granularity is not one of " + Arrays.toString(Granularity.values()));
        }
    }

    private static Instant time(JsonNode message) {
        try {
            return Instant.parse(text(message, "time"));
        } catch (DateTimeParseException e) {
            // RFC 3339 with an offset: the schema accepted it
            try {
                return java.time.OffsetDateTime.parse(text(message, "time")).toInstant();
            } catch (DateTimeParseException again) {
                throw new RejectedMessageException("time is not an RFC 3339 date-time");
            }
        }
    }
}
