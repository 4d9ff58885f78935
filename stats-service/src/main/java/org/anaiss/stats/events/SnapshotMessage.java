package org.anaiss.stats.events;

import java.time.Instant;
import java.util.List;

import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;

/**
 * A stats-aggregates message that conformed: one snapshot of one table. Each cell holds the values
 * of the table's dimensions in order (null = all values) and its count.
 */
public record SnapshotMessage(String key, String eventId, Instant producedAt, TableDefinition table,
        Granularity granularity, String period, long version, boolean frozen, List<Cell> cells) {

    public record Cell(String[] values, long count) {
    }

    public String producer() {
        return table.producer();
    }

    public String measure() {
        return table.measure();
    }
}
