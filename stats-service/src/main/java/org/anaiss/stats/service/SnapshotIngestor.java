package org.anaiss.stats.service;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.events.RejectedMessageException;
import org.anaiss.stats.events.SnapshotMessage;
import org.anaiss.stats.events.SnapshotParser;
import org.anaiss.stats.repository.CellRows;
import org.anaiss.stats.repository.RejectionRepository;
import org.anaiss.stats.repository.SnapshotRepository;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Applies one stats-aggregates record, whoever read it (the live consumer or a rebuild): a
 * conforming snapshot replaces the stored one when its version is higher, its cells stored with
 * their noise already added; a non-conforming one is recorded as rejected and nothing of it is
 * stored.
 */
@ApplicationScoped
public class SnapshotIngestor {

    private static final Logger LOG = Logger.getLogger(SnapshotIngestor.class);

    /** What became of a record. */
    public enum Outcome { APPLIED, IGNORED, REJECTED }

    private final SnapshotParser parser;
    private final NoiseMechanism noise;
    private final SnapshotRepository snapshots;
    private final RejectionRepository rejections;
    private final Clock clock;

    public SnapshotIngestor(SnapshotParser parser, NoiseMechanism noise, SnapshotRepository snapshots,
            RejectionRepository rejections, Clock clock) {
        this.parser = parser;
        this.noise = noise;
        this.snapshots = snapshots;
        this.rejections = rejections;
        this.clock = clock;
    }

    public Uni<Outcome> ingest(String topic, int partition, long offset, String key, String payload) {
        // validating and protecting a large snapshot takes CPU: off the event loop
        return Uni.createFrom().item(() -> prepare(key, payload))
                .runSubscriptionOn(Infrastructure.getDefaultExecutor())
                .chain(prepared -> {
                    if (prepared.rejection() != null) {
                        LOG.warnf("stats-aggregates %d/%d rejected: %s", partition, offset, prepared.rejection());
                        return rejections.record(topic, partition, offset, SnapshotParser.recordableKey(key),
                                prepared.rejection(), clock.instant()).replaceWith(Outcome.REJECTED);
                    }
                    SnapshotMessage s = prepared.snapshot();
                    return snapshots.replace(s, prepared.cells(), noise.keyId(), noise.epsilon(), clock.instant())
                            .map(applied -> applied ? Outcome.APPLIED : Outcome.IGNORED)
                            .invoke(outcome -> LOG.debugf("stats-aggregates %d/%d %s: %s v%d", partition, offset, outcome,
                                    s.key(), s.version()));
                });
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

    private record Prepared(SnapshotMessage snapshot, CellRows cells, String rejection) {
    }

    private Prepared prepare(String key, String payload) {
        try {
            SnapshotMessage s = parser.parse(key, payload);
            return new Prepared(s, protect(s), null);
        } catch (RejectedMessageException e) {
            return new Prepared(null, null, e.getMessage());
        }
    }

    /** Every cell with its noise added; the exact counts stop here. */
    CellRows protect(SnapshotMessage s) {
        List<Dimension> dimensions = s.table().dimensions();
        CellRows rows = new CellRows(s.cells().size());
        // stored grouping set by grouping set: a query reads one, from a few pages per snapshot
        List<SnapshotMessage.Cell> ordered = new java.util.ArrayList<>(s.cells());
        ordered.sort(java.util.Comparator.comparingInt(SnapshotIngestor::groupingOf)
                .thenComparing(c -> String.join("|", java.util.Arrays.stream(c.values()).map(String::valueOf).toList())));
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
}
