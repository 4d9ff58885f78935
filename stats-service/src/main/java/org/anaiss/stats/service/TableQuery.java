package org.anaiss.stats.service;

import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;

/**
 * A checked request for one table: periods from..to (inclusive) of one granularity, broken down by
 * groupBy, restricted by filters (each filtered dimension is shown in the rows too). Only allowed
 * dimensions of this table can appear here.
 */
public record TableQuery(TableDefinition table, Granularity granularity, String from, String to, List<Dimension> groupBy,
        Map<Dimension, List<String>> filters) {

    /** Open ends of a period range: every period label of any granularity sorts between them. */
    public static final String FIRST = "0000";
    public static final String LAST = "9999~";

    public TableQuery {
        from = from == null ? FIRST : from;
        to = to == null ? LAST : to;
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
        for (Dimension d : groupBy) {
            if (!table.has(d)) {
                throw new IllegalArgumentException("not a dimension of the table");
            }
        }
        filters.forEach((d, values) -> {
            if (!table.has(d) || values.isEmpty() || !table.domain(d).containsAll(values)) {
                throw new IllegalArgumentException("not a filter of the table");
            }
        });
    }

    /** The dimensions of the cells to read, in the table's order: grouped or filtered. */
    public List<Dimension> grouped() {
        return table.dimensions().stream().filter(d -> groupBy.contains(d) || filters.containsKey(d)).toList();
    }
}
