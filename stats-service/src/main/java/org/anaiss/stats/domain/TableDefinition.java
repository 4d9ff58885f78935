package org.anaiss.stats.domain;

import java.util.List;
import java.util.Map;

/**
 * One table a producer publishes, as its schema declares it: the dimensions in the order of the
 * values in each cell, every value each dimension can take (its domain, without "all"), and whether
 * a cell may carry the producer's suppression marker instead of a count (a region that fails the
 * producer's staff rule).
 */
public record TableDefinition(String producer, String measure, List<Dimension> dimensions,
        Map<Dimension, List<String>> domains, boolean suppressible) {

    /** The marker a producer puts in place of the count of a region whose figures it suppresses. */
    public static final String UNIT_TOO_SMALL = "unit-too-small";

    public TableDefinition {
        dimensions = List.copyOf(dimensions);
        domains = Map.copyOf(domains);
    }

    public TableDefinition(String producer, String measure, List<Dimension> dimensions, Map<Dimension, List<String>> domains) {
        this(producer, measure, dimensions, domains, false);
    }

    public boolean has(Dimension dimension) {
        return dimensions.contains(dimension);
    }

    public List<String> domain(Dimension dimension) {
        return domains.getOrDefault(dimension, List.of());
    }
}
