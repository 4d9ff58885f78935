package org.anaiss.cases.events;

import java.util.List;

/**
 * Data of a stats-aggregates snapshot (schema: resources/schemas/stats-aggregates.v1.json): every
 * cell of one table, for every grouping of its dimensions (null = all). Counts only.
 */
public record StatsSnapshot(String producer, String measure, String granularity, String period, long version,
        boolean frozen, List<String> dimensions, List<List<Object>> cells) {

    public static final String TOPIC = "stats-aggregates";
    public static final String TYPE = "org.anaiss.stats.AggregateSnapshot.v1";
    public static final String PRODUCER = "case-service";
    public static final List<String> DIMENSIONS = List.of("region", "ageBand", "sex", "theme", "origin");

    public String key() {
        return PRODUCER + "/" + measure + "/" + granularity + "/" + period;
    }
}
