package org.anaiss.stats.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts as the producer computes them: from individual records (one value per dimension), every
 * grouping set (GROUP BY CUBE), a null standing for all values. Only non-zero cells, as sent.
 */
public final class Cube {

    private final int width;
    private final List<String[]> records = new ArrayList<>();

    public Cube(int width) {
        this.width = width;
    }

    public Cube add(int times, String... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("one value per dimension");
        }
        for (int i = 0; i < times; i++) {
            records.add(values);
        }
        return this;
    }

    public Cube addAll(Cube other) {
        records.addAll(other.records);
        return this;
    }

    /** Every cell of every grouping set: [values..., count]. */
    public List<List<Object>> cells() {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (int mask = 0; mask < 1 << width; mask++) {
            for (String[] r : records) {
                String[] key = new String[width];
                for (int i = 0; i < width; i++) {
                    key[i] = (mask & (1 << i)) != 0 ? r[i] : null;
                }
                counts.merge(Arrays.asList(key), 1, Integer::sum);
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
        for (String[] r : records) {
            boolean match = true;
            for (int i = 0; i < width; i++) {
                match &= values[i] == null || values[i].equals(r[i]);
            }
            n += match ? 1 : 0;
        }
        return n;
    }
}
