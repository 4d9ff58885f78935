package org.anaiss.stats.domain;

import java.util.List;
import java.util.Map;

/**
 * One table a producer publishes, as its schema declares it: the dimensions in the order of the
 * values in each cell, and every value each dimension can take (its domain, without "all").
 */
public record TableDefinition(String producer, String measure, List<Dimension> dimensions,
        Map<Dimension, List<String>> domains) {

    public TableDefinition {
        dimensions = List.copyOf(dimensions);
        domains = Map.copyOf(domains);
    }

    public boolean has(Dimension dimension) {
        return dimensions.contains(dimension);
    }

    public List<String> domain(Dimension dimension) {
        return domains.getOrDefault(dimension, List.of());
    }
}
