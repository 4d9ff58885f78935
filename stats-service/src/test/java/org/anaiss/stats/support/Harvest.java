package org.anaiss.stats.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.anaiss.stats.domain.Dimension;

import io.restassured.path.json.JsonPath;

/**
 * What an attacker with a statistician's account reads of some periods of a case-service table: every
 * grouping of the five dimensions, with and without a region filter, each figure under the identity of
 * its cell. Two harvests compare cell by cell.
 */
public final class Harvest {

    public static final List<Dimension> DIMS = List.of(Dimension.REGION, Dimension.AGE_BAND, Dimension.SEX, Dimension.THEME,
            Dimension.ORIGIN);

    /** A cell: granularity, period, and the five dimension values (null = all). */
    public record CellId(String granularity, String period, List<String> tuple) {
        public CellId with(int dimension, String value) {
            List<String> t = new ArrayList<>(tuple);
            t.set(dimension, value);
            return new CellId(granularity, period, t);
        }

        public String[] values() {
            return tuple.toArray(String[]::new);
        }

        /** Whether a record with these values is counted in this cell. */
        public boolean contains(String... record) {
            for (int i = 0; i < record.length; i++) {
                if (tuple.get(i) != null && !tuple.get(i).equals(record[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private Harvest() {
    }

    /**
     * Every answer the API gives for these periods ({granularity, period} pairs): all 32 groupings, and
     * those of up to three dimensions again filtered on {@code region}. Each figure (null when masked) by
     * cell; a cell shown twice must show the same figure, or the harvest fails.
     */
    public static Map<CellId, Integer> of(String measure, String region, String[]... periods) {
        Map<CellId, Integer> seen = new LinkedHashMap<>();
        for (String[] p : periods) {
            for (int mask = 0; mask < 32; mask++) {
                List<String> groupBy = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    if ((mask & (1 << i)) != 0) {
                        groupBy.add(DIMS.get(i).apiName());
                    }
                }
                for (boolean filtered : Integer.bitCount(mask) <= 3 ? new boolean[] { true, false } : new boolean[] { true }) {
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("granularity", p[0]);
                    params.put("from", p[1]);
                    params.put("to", p[1]);
                    params.put("groupBy", String.join(",", groupBy));
                    if (filtered) {
                        params.put("region", region);
                    }
                    JsonPath answer = Api.table(measure, params);
                    for (Map<String, Object> row : answer.<Map<String, Object>>getList("rows")) {
                        List<String> tuple = new ArrayList<>();
                        for (Dimension d : DIMS) {
                            tuple.add((String) row.get(d.apiName()));
                        }
                        Integer value = (Integer) row.get("value");
                        if (!row.get("masked").equals(value == null)) {
                            throw new AssertionError("masked and value disagree in " + row);
                        }
                        CellId id = new CellId(p[0], (String) row.get("period"), tuple);
                        if (seen.containsKey(id) && !java.util.Objects.equals(seen.get(id), value)) {
                            throw new AssertionError("two figures for " + id + ": " + seen.get(id) + " and " + value);
                        }
                        seen.put(id, value);
                    }
                }
            }
        }
        return seen;
    }

    /** The same cells, with the figures another publication would give them. */
    public static Map<CellId, Integer> remodel(Map<CellId, Integer> cells, Function<CellId, Integer> figure) {
        Map<CellId, Integer> result = new LinkedHashMap<>();
        cells.keySet().forEach(id -> result.put(id, figure.apply(id)));
        return result;
    }

    /** The cells whose figure differs between two harvests (present in both). */
    public static List<CellId> changed(Map<CellId, Integer> before, Map<CellId, Integer> after) {
        List<CellId> changed = new ArrayList<>();
        before.forEach((id, v) -> {
            if (after.containsKey(id) && !java.util.Objects.equals(v, after.get(id))) {
                changed.add(id);
            }
        });
        return changed;
    }

    /** A cell id from its five values (null = all). */
    public static CellId cell(String granularity, String period, String... values) {
        return new CellId(granularity, period, Arrays.asList(values));
    }
}
