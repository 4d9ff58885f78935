package org.anaiss.stats.domain;

import java.time.Instant;
import java.util.List;

import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;

/**
 * A stats-aggregates message that conformed: the one release of one table for one period. Each cell
 * holds the values of the table's dimensions in order (null = all) and its count; the regions the
 * producer suppressed under its staff rule are listed apart (none of their cells is sent).
 */
public record SnapshotMessage(String key, String eventId, Instant producedAt, TableDefinition table,
        Granularity granularity, String period, long version, List<Cell> cells, List<String> suppressedRegions) {

    public SnapshotMessage {
        cells = List.copyOf(cells);
        suppressedRegions = List.copyOf(suppressedRegions);
    }

    public record Cell(String[] values, long count) {
    }

    public String producer() {
        return table.producer();
    }

    public String measure() {
        return table.measure();
    }
}
