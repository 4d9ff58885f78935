package org.anaiss.outreach.events;

import java.util.List;

/**
 * Data of {@code org.anaiss.stats.AggregateSnapshot.v2} (schemas/stats-aggregates.v2.json): every cell
 * of one measure for one released period, one value per dimension (null = all values) and the count
 * last, or the marker of a region failing the staff rule. Nulls inside cells are written as JSON null
 * on purpose.
 */
public record AggregateSnapshot(String producer, String measure, String granularity, String period, long version,
        boolean released, List<String> dimensions, List<List<Object>> cells) {

    public static final String TOPIC = "stats-aggregates";
    public static final String TYPE = "org.anaiss.stats.AggregateSnapshot.v2";
    public static final String PRODUCER = "outreach-service";
    /** What a region failing the staff rule sends in place of its counts. */
    public static final String SUPPRESSED = "unit-too-small";

    public static String key(String measure, String granularity, String period) {
        return PRODUCER + "/" + measure + "/" + granularity + "/" + period;
    }
}
