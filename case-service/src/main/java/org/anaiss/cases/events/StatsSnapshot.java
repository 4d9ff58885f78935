package org.anaiss.cases.events;

import java.util.List;

/**
 * Data of a stats-aggregates release (schema: resources/schemas/stats-aggregates.v2.json): every cell
 * of one table for one released period, for every grouping of its dimensions (null = all). Counts
 * only; a region failing the staff rule is one marker cell instead of its counts.
 */
public record StatsSnapshot(String producer, String measure, String granularity, String period, long version,
        boolean released, List<String> dimensions, List<List<Object>> cells) {

    public static final String TOPIC = "stats-aggregates";
    public static final String TYPE = "org.anaiss.stats.AggregateSnapshot.v2";
    public static final String PRODUCER = "case-service";
    /** What a region failing the staff rule sends in place of its counts. */
    public static final String SUPPRESSED = "unit-too-small";

    public String key() {
        return PRODUCER + "/" + measure + "/" + granularity + "/" + period;
    }
}
