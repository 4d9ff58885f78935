package org.anaiss.stats.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A map bounded by the total weight of its entries, least recently used first out. An entry heavier
 * than a quarter of the bound is not kept: one huge entry must not empty the cache. Thread-safe.
 */
public final class WeightedLruCache<K, V> {

    private final long maxWeight;
    private final ToLongBiFunction<K, V> weigher;
    private long weight;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(256, 0.75f, true);

    public WeightedLruCache(long maxWeight, ToLongBiFunction<K, V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(key, value);
        if (w > maxWeight / 4) {
            return;
        }
        V previous = entries.put(key, value);
        weight += w - (previous == null ? 0 : weigher.applyAsLong(key, previous));
        Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            Map.Entry<K, V> e = eldest.next();
            weight -= weigher.applyAsLong(e.getKey(), e.getValue());
            eldest.remove();
        }
    }

    public synchronized void clear() {
        entries.clear();
        weight = 0;
    }
}
