package org.anaiss.stats.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;

/**
 * Grouping sets of snapshots already read from the database, keyed by snapshot id, version and
 * grouping set. A snapshot's cells change only with its version (both in one transaction), and the
 * version an answer cites is read from the database on every request, so a block here is never
 * stale on any replica: a new version is a new key, and the old one ages out. Bounded by the ints it
 * holds, least recently used first out.
 */
@Singleton
public class CellBlockCache {

    record Key(long snapshotId, long version, int groupingSet) {
    }

    private final long maxWeight;
    private long weight;
    private final LinkedHashMap<Key, CellBlock> blocks = new LinkedHashMap<>(1024, 0.75f, true);

    public CellBlockCache(StatsConfig config) {
        this.maxWeight = config.query().cellCacheCells();
    }

    synchronized CellBlock get(Key key) {
        return blocks.get(key);
    }

    synchronized void put(Key key, CellBlock block) {
        if (block.weight() > maxWeight / 4) {
            return; // one huge block must not empty the cache
        }
        CellBlock previous = blocks.put(key, block);
        weight += block.weight() - (previous == null ? 0 : previous.weight());
        Iterator<Map.Entry<Key, CellBlock>> eldest = blocks.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().getValue().weight();
            eldest.remove();
        }
    }

    /** Frees everything (before a rebuild: those snapshots are about to go). */
    public synchronized void invalidateAll() {
        blocks.clear();
        weight = 0;
    }
}
