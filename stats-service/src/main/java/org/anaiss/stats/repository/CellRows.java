package org.anaiss.stats.repository;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;

/** The cells of one snapshot as column arrays, the shape of one bulk insert (unnest). */
public final class CellRows {

    private final List<Short> groupingSets;
    private final Map<Dimension, List<String>> columns = new EnumMap<>(Dimension.class);
    private final List<Integer> noisyCounts;

    public CellRows(int expected) {
        groupingSets = new ArrayList<>(expected);
        noisyCounts = new ArrayList<>(expected);
        for (Dimension d : Dimension.values()) {
            columns.put(d, new ArrayList<>(expected));
        }
    }

    /** @param values the value of every allowed dimension (null: all values, or not a dimension of the table) */
    public void add(Map<Dimension, String> values, int noisyCount) {
        int mask = 0;
        for (Dimension d : Dimension.values()) {
            String v = values.get(d);
            columns.get(d).add(v);
            if (v != null) {
                mask |= d.bit();
            }
        }
        groupingSets.add((short) mask);
        noisyCounts.add(noisyCount);
    }

    public int size() {
        return noisyCounts.size();
    }

    Short[] groupingSets() {
        return groupingSets.toArray(Short[]::new);
    }

    String[] column(Dimension d) {
        return columns.get(d).toArray(String[]::new);
    }

    Integer[] noisyCounts() {
        return noisyCounts.toArray(Integer[]::new);
    }
}
