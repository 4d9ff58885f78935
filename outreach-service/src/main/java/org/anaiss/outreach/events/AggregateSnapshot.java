package org.anaiss.outreach.events;

import java.util.List;

/**
 * Data of {@code org.anaiss.stats.AggregateSnapshot.v1} (schemas/stats-aggregates.v1.json): every cell
 * of one measure for one period, one value per dimension (null = all values) and the count last.
 * Nulls inside cells are written as JSON null on purpose.
 */
public record AggregateSnapshot(String producer, String measure, String granularity, String period, long version,
        boolean frozen, List<String> dimensions, List<List<Object>> cells) {

    public static final String TOPIC = "stats-aggregates";
    public static final String TYPE = "org.anaiss.stats.AggregateSnapshot.v1";
    public static final String PRODUCER = "outreach-service";

    public static String key(String measure, String granularity, String period) {
        return PRODUCER + "/" + measure + "/" + granularity + "/" + period;
    }
}
