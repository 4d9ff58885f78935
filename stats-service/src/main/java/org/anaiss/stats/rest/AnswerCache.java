package org.anaiss.stats.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;
import org.anaiss.stats.service.TableQuery;
import org.anaiss.stats.service.WeightedLruCache;

/**
 * Answers already computed, as sent (JSON or CSV bytes), keyed by the request and by the exact
 * snapshots (id and version) it was computed from, read from the database on every request: a new
 * snapshot version or a rebuild changes the key, so a cached answer is never stale, on any replica.
 * The figures are deterministic anyway; this only saves the work. Bounded in bytes, least recently
 * used first out.
 */
@Singleton
public class AnswerCache {

    /**
     * A representation: its bytes and media type, when it was computed (its generatedAt), and the noise
     * key ids and epsilons of its sources (for the CSV headers).
     */
    public record Entry(byte[] body, String mediaType, java.time.Instant generatedAt, String noiseKeyIds, String epsilons) {
    }

    private final WeightedLruCache<String, Entry> entries;

    public AnswerCache(StatsConfig config) {
        this.entries = new WeightedLruCache<>(config.query().cacheBytes(), (key, entry) -> entry.body().length + key.length());
    }

    static String key(String format, TableQuery q, List<StoredSnapshot> sources) {
        return format + '|' + q.table().producer() + '|' + q.table().measure() + '|' + q.granularity() + '|' + q.from() + '|'
                + q.to() + '|' + q.groupBy() + '|' + q.filters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(";"))
                + '|' + sources.stream().map(s -> s.id() + ":" + s.version()).collect(Collectors.joining(","));
    }

    /** Frees the answers of snapshots that no longer exist (after a rebuild); they could not be hit anyway. */
    public void invalidateAll() {
        entries.clear();
    }

    public Entry get(String key) {
        return entries.get(key);
    }

    public void put(String key, Entry entry) {
        entries.put(key, entry);
    }
}
