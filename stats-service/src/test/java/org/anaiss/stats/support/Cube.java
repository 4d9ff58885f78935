package org.anaiss.stats.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts as the producer computes them: from individual records (one value per dimension), every
 * grouping set (GROUP BY CUBE), a null standing for all values. Only non-zero cells, as sent. Records
 * are kept as distinct value tuples with their multiplicity.
 */
public final class Cube {

    private final int width;
    private final Map<List<String>, Integer> records = new LinkedHashMap<>();

    public Cube(int width) {
        this.width = width;
    }

    public Cube add(int times, String... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("one value per dimension");
        }
        if (times > 0) {
            records.merge(List.of(values), times, Integer::sum);
        }
        return this;
    }

    public Cube addAll(Cube other) {
        other.records.forEach((r, n) -> records.merge(r, n, Integer::sum));
        return this;
    }

    /** Every cell of every grouping set: [values..., count]. */
    public List<List<Object>> cells() {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (int mask = 0; mask < 1 << width; mask++) {
            for (Map.Entry<List<String>, Integer> r : records.entrySet()) {
                String[] key = new String[width];
                for (int i = 0; i < width; i++) {
                    key[i] = (mask & (1 << i)) != 0 ? r.getKey().get(i) : null;
                }
                counts.merge(Arrays.asList(key), r.getValue(), Integer::sum);
            }
        }
        List<List<Object>> cells = new ArrayList<>();
        counts.forEach((key, count) -> {
            List<Object> cell = new ArrayList<>(key);
            cell.add(count);
            cells.add(cell);
        });
        return cells;
    }

    /** The exact count of one cell (nulls = all). */
    public int count(String... values) {
        int n = 0;
        for (Map.Entry<List<String>, Integer> r : records.entrySet()) {
            boolean match = true;
            for (int i = 0; i < width && match; i++) {
                match = values[i] == null || values[i].equals(r.getKey().get(i));
            }
            n += match ? r.getValue() : 0;
        }
        return n;
    }
}
