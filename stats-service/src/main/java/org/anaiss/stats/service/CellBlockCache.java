package org.anaiss.stats.service;

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

    private final WeightedLruCache<Key, CellBlock> blocks;

    public CellBlockCache(StatsConfig config) {
        this.blocks = new WeightedLruCache<>(config.query().cellCacheCells(), (key, block) -> block.weight());
    }

    CellBlock get(Key key) {
        return blocks.get(key);
    }

    void put(Key key, CellBlock block) {
        blocks.put(key, block);
    }

    /** Frees everything (before a rebuild: those snapshots are about to go). */
    public void invalidateAll() {
        blocks.clear();
    }
}
