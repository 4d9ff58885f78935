package org.anaiss.stats.rest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;
import org.anaiss.stats.service.TableQuery;

/**
 * Answers already computed, as sent (JSON or CSV bytes), keyed by the request and by the exact
 * snapshots (id and version) it was computed from, read from the database on every request: a new
 * snapshot version or a rebuild changes the key, so a cached answer is never stale, on any replica.
 * The figures are deterministic anyway; this only saves the work. Bounded in bytes, least recently
 * used first out.
 */
@Singleton
public class AnswerCache {

    /** A representation: its bytes and media type, and when it was computed (its generatedAt). */
    public record Entry(byte[] body, String mediaType, java.time.Instant generatedAt) {
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

    public AnswerCache(StatsConfig config) {
        this.maxBytes = config.query().cacheBytes();
    }

    static String key(String format, TableQuery q, List<StoredSnapshot> sources) {
        return format + '|' + q.table().producer() + '|' + q.table().measure() + '|' + q.granularity() + '|' + q.from() + '|'
                + q.to() + '|' + q.groupBy() + '|' + q.filters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(";"))
                + '|' + sources.stream().map(s -> s.id() + ":" + s.version()).collect(Collectors.joining(","));
    }

    /** Frees the answers of snapshots that no longer exist (after a rebuild); they could not be hit anyway. */
    public synchronized void invalidateAll() {
        entries.clear();
        bytes = 0;
    }

    public synchronized Entry get(String key) {
        return entries.get(key);
    }

    public synchronized void put(String key, Entry entry) {
        long size = entry.body().length + key.length();
        if (size > maxBytes / 4 || maxBytes == 0) {
            return; // one huge answer must not empty the cache
        }
        Entry previous = entries.put(key, entry);
        bytes += size - (previous == null ? 0 : previous.body().length + key.length());
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            bytes -= e.getValue().body().length + e.getKey().length();
            eldest.remove();
        }
    }
}
