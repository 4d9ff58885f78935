package org.anaiss.stats.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.events.RejectedMessageException;
import org.anaiss.stats.domain.SnapshotMessage;
import org.anaiss.stats.events.SnapshotParser;
import org.anaiss.stats.repository.CellRows;
import org.anaiss.stats.repository.RejectionRepository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.anaiss.stats.repository.SnapshotRepository;
import org.anaiss.stats.service.NoiseKeys.NoiseKey;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Applies one stats-aggregates record, whoever read it (the live consumer or a rebuild). A conforming
 * snapshot of a period that has ended is the release of that period: the first one of its key is
 * stored, its cells protected with the noise key of the period; a later one with the same content (a
 * redelivery) changes nothing, and one with other content is refused and recorded as rejected — a
 * released figure never changes. A non-conforming message is recorded as rejected and nothing of it
 * is stored.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its meters exist from the start, at 0
public class SnapshotIngestor {

    private static final Logger LOG = Logger.getLogger(SnapshotIngestor.class);
    static final String CHANGED = "a released period was sent again with other figures: refused, the figures released first are kept";

    /** What became of a record. */
    public enum Outcome { APPLIED, IGNORED, REJECTED }

    private final SnapshotParser parser;
    private final NoiseKeys keys;
    private final SnapshotRepository snapshots;
    private final RejectionRepository rejections;
    private Counter rejected;
    private final Clock clock;
    private final java.time.ZoneId zone;

    public SnapshotIngestor(SnapshotParser parser, NoiseKeys keys, SnapshotRepository snapshots, RejectionRepository rejections,
            Clock clock, StatsConfig config) {
        this.parser = parser;
        this.keys = keys;
        this.snapshots = snapshots;
        this.rejections = rejections;
        this.clock = clock;
        this.zone = config.release().zone();
    }

    // counts rejected snapshots (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    void meters(MeterRegistry registry) {
        rejected = Counter.builder("anaiss.stats.rejections")
                .description("Statistics snapshots refused and recorded in table rejection (non-conforming, or changed after release)")
                .baseUnit("snapshots").register(registry);
    }

    public Uni<Outcome> ingest(String topic, int partition, long offset, String key, String payload) {
        // validating and protecting a large snapshot takes CPU: off the event loop
        return Uni.createFrom().item(() -> prepare(key, payload))
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .chain(prepared -> {
                    if (prepared.rejection() != null) {
                        return reject(topic, partition, offset, key, prepared.rejection());
                    }
                    SnapshotMessage s = prepared.snapshot();
                    return snapshots.storeOnce(s, prepared.digest(), prepared.cells(), prepared.key().id(), prepared.key().epsilon(),
                            clock.instant())
                            .chain(stored -> switch (stored) {
                                case STORED -> Uni.createFrom().item(Outcome.APPLIED);
                                case SAME -> Uni.createFrom().item(Outcome.IGNORED);
                                case DIFFERENT -> reject(topic, partition, offset, key, CHANGED);
                            })
                            .invoke(outcome -> LOG.debugf("stats-aggregates %d/%d %s: %s", partition, offset, outcome, s.key()));
                });
    }

    private Uni<Outcome> reject(String topic, int partition, long offset, String key, String reason) {
        LOG.warnf("stats-aggregates %d/%d rejected: %s", partition, offset, reason);
        return rejections.record(topic, partition, offset, SnapshotParser.recordableKey(key), reason, clock.instant())
                .invoke(() -> rejected.increment())
                .replaceWith(Outcome.REJECTED);
    }

    private static int groupingOf(SnapshotMessage.Cell cell) {
        int mask = 0;
        for (int i = 0; i < cell.values().length; i++) {
            mask |= cell.values()[i] == null ? 0 : 1 << i;
        }
        return mask;
    }

    /** A conforming snapshot the database refused for good (a defect): recorded as rejected. */
    public Uni<Void> refused(String topic, int partition, long offset, String key, Throwable failure) {
        String state = failure instanceof io.vertx.pgclient.PgException pg ? " (SQLSTATE " + pg.getSqlState() + ")" : "";
        LOG.errorf("stats-aggregates %d/%d could not be stored: %s%s", partition, offset, failure.getClass().getName(), state);
        return rejections.record(topic, partition, offset, SnapshotParser.recordableKey(key),
                "conformed, but could not be stored" + state, clock.instant());
    }

    private record Prepared(SnapshotMessage snapshot, NoiseKey key, CellRows cells, byte[] digest, String rejection) {
    }

    private Prepared prepare(String key, String payload) {
        try {
            SnapshotMessage s = parser.parse(key, payload);
            LocalDate end = s.granularity().end(s.period());
            if (end.atStartOfDay(zone).toInstant().isAfter(clock.instant())) {
                throw new RejectedMessageException("the period has not ended: only released periods are accepted");
            }
            NoiseKey noiseKey = keys.forPeriod(s.granularity(), s.period()).orElseThrow(() -> new RejectedMessageException(
                    "no noise key protects this period: it ends before the first key's activation"));
            List<SnapshotMessage.Cell> ordered = ordered(s.cells());
            return new Prepared(s, noiseKey, protect(s, ordered, noiseKey.mechanism()),
                    noiseKey.mechanism().keyedDigest(digest(s, ordered)), null);
        } catch (RejectedMessageException e) {
            return new Prepared(null, null, null, null, e.getMessage());
        }
    }

    /** Grouping set by grouping set, then by values: the order cells are stored in, and digested in. */
    private static List<SnapshotMessage.Cell> ordered(List<SnapshotMessage.Cell> cells) {
        List<SnapshotMessage.Cell> ordered = new ArrayList<>(cells);
        ordered.sort(Comparator.comparingInt(SnapshotIngestor::groupingOf)
                .thenComparing(c -> String.join("|", Arrays.stream(c.values()).map(String::valueOf).toList())));
        return ordered;
    }

    /** Every cell with the noise of its period's key added; the exact counts stop here. */
    public CellRows protect(SnapshotMessage s, NoiseMechanism noise) {
        return protect(s, ordered(s.cells()), noise);
    }

    private static CellRows protect(SnapshotMessage s, List<SnapshotMessage.Cell> ordered, NoiseMechanism noise) {
        List<Dimension> dimensions = s.table().dimensions();
        CellRows rows = new CellRows(ordered.size());
        // stored grouping set by grouping set: a query reads one, from a few pages per snapshot
        for (SnapshotMessage.Cell cell : ordered) {
            Map<Dimension, String> values = new EnumMap<>(Dimension.class);
            for (int i = 0; i < dimensions.size(); i++) {
                values.put(dimensions.get(i), cell.values()[i]);
            }
            rows.add(values, noise.noisy(s.producer(), s.measure(), s.granularity(), s.period(), dimensions, cell.values(),
                    cell.count()));
        }
        return rows;
    }

    /**
     * SHA-256 of what the snapshot says — its cells, counts and suppressed regions, in a canonical
     * order — so a redelivery (the same release) is told from a different one (refused). Stored keyed
     * with the period's noise key, so the database holds nothing a guess of exact counts could be
     * tested against.
     */
    static byte[] digest(SnapshotMessage s, List<SnapshotMessage.Cell> ordered) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((s.key() + "\n").getBytes(StandardCharsets.UTF_8));
            for (SnapshotMessage.Cell c : ordered) {
                sha.update((String.join("|", Arrays.stream(c.values()).map(String::valueOf).toList()) + "=" + c.count() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            sha.update(("suppressed=" + s.suppressedRegions().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
