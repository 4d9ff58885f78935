package org.anaiss.stats.service;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;

/**
 * The stored noisy counts of one grouping set of one snapshot version, addressed by the positions of
 * the cell's values in the table's domains (mixed radix, in the order of the grouped dimensions). An
 * answer looks each of its cells up here instead of joining strings: no allocation per cell, and a
 * block serves every filter and every period range that reads this grouping set. Immutable.
 */
final class CellBlock {

    /** No cell stored at this address: the producer sent none (a count of 0). */
    static final int ABSENT = Integer.MIN_VALUE;
    // dense while the address space is at most this many times the stored cells (CUBE blocks are dense)
    private static final int DENSE_FACTOR = 4;

    private final int[] dense;
    private final long[] sparseAddresses;
    private final int[] sparseCounts;

    private CellBlock(int[] dense, long[] sparseAddresses, int[] sparseCounts) {
        this.dense = dense;
        this.sparseAddresses = sparseAddresses;
        this.sparseCounts = sparseCounts;
    }

    /** The noisy count at this address, or {@link #ABSENT} (a sparse block, the producer sent no such cell). */
    int get(long address) {
        if (dense != null) {
            return address < dense.length ? dense[(int) address] : ABSENT;
        }
        int i = Arrays.binarySearch(sparseAddresses, address);
        return i < 0 ? ABSENT : sparseCounts[i];
    }

    /** Memory weight, in stored ints (what the cache is bounded by). */
    int weight() {
        return 1 + (dense != null ? dense.length : sparseCounts.length * 3);
    }

    /** How the values of the grouped dimensions of one table map to addresses. */
    static final class Addressing {
        private final List<List<String>> domains;
        private final List<Map<String, Integer>> positions;
        private final long[] radix;
        private final long size;

        Addressing(TableDefinition table, List<Dimension> grouped) {
            domains = grouped.stream().map(table::domain).toList();
            positions = new java.util.ArrayList<>(domains.size());
            radix = new long[domains.size()];
            long s = 1;
            for (int i = domains.size() - 1; i >= 0; i--) {
                radix[i] = s;
                s = Math.multiplyExact(s, Math.max(1, domains.get(i).size()));
            }
            for (List<String> domain : domains) {
                Map<String, Integer> p = new HashMap<>();
                for (int v = 0; v < domain.size(); v++) {
                    p.put(domain.get(v), v);
                }
                positions.add(p);
            }
            size = s;
        }

        /** The values at this address (the inverse of {@link #address}). */
        String[] values(long address) {
            String[] values = new String[domains.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = domains.get(i).get((int) (address / radix[i]));
                address %= radix[i];
            }
            return values;
        }

        /** The address of these values, or -1 when one is not in its domain (a value no query can ask for). */
        long address(String[] values) {
            long a = 0;
            for (int i = 0; i < values.length; i++) {
                Integer p = positions.get(i).get(values[i]);
                if (p == null) {
                    return -1;
                }
                a += p * radix[i];
            }
            return a;
        }
    }

    /** Collects the stored cells of one block, then freezes them. */
    static final class Builder {
        private final long size;
        private long[] addresses = new long[64];
        private int[] counts = new int[64];
        private int n;

        Builder(Addressing addressing) {
            this.size = addressing.size;
        }

        void add(long address, int noisyCount) {
            if (address < 0) {
                return;
            }
            if (n == counts.length) {
                addresses = Arrays.copyOf(addresses, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            addresses[n] = address;
            counts[n++] = noisyCount;
        }

        /**
         * @param absent the published value of a cell the producer did not send, by address: computed
         *        once here for a dense block, so answers read every cell from the block
         */
        CellBlock build(java.util.function.LongToIntFunction absent) {
            if (size <= Math.max(64L, (long) n * DENSE_FACTOR)) {
                int[] dense = new int[(int) size];
                Arrays.fill(dense, ABSENT);
                for (int i = 0; i < n; i++) {
                    dense[(int) addresses[i]] = counts[i];
                }
                for (int a = 0; a < dense.length; a++) {
                    if (dense[a] == ABSENT) {
                        dense[a] = absent.applyAsInt(a);
                    }
                }
                return new CellBlock(dense, null, null);
            }
            long[][] sorted = new long[n][];
            for (int i = 0; i < n; i++) {
                sorted[i] = new long[] { addresses[i], counts[i] };
            }
            Arrays.sort(sorted, (x, y) -> Long.compare(x[0], y[0]));
            long[] a = new long[n];
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = sorted[i][0];
                c[i] = (int) sorted[i][1];
            }
            return new CellBlock(null, a, c);
        }
    }
}
