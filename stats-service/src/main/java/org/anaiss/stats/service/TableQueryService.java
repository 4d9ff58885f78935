package org.anaiss.stats.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.problem.ProblemException;
import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;
import org.anaiss.stats.repository.SnapshotRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Answers table queries with disclosure control, from released periods only. Every cell of the
 * requested grid is published as its noisy value (stored at ingestion; computed the same way, with a
 * count of 0, for a cell the producer did not send), then masked when the noisy value is below the
 * threshold k; every cell of a region the producer suppressed is masked as unit-too-small. A cell's
 * figure is the same in every answer that shows it, and no answer is ever a sum of other cells, so
 * totals, breakdowns, overlapping filters and neighbouring periods each carry their own noise.
 */
@ApplicationScoped
public class TableQueryService {

    static final String METHOD = "two-sided geometric noise (discrete Laplace), deterministic per cell (HMAC-SHA-256 seeded), "
            + "then threshold: a noisy value below k is masked";

    private final SnapshotRepository snapshots;
    private final CellBlockCache cache;
    private final NoiseKeys keys;
    private final SchemaCatalog catalog;
    private final Clock clock;
    private final Threshold threshold;
    private final int maxCells;
    private final ReleaseCalendar calendar;

    public TableQueryService(SnapshotRepository snapshots, CellBlockCache cache, NoiseKeys keys, SchemaCatalog catalog,
            Clock clock, StatsConfig config) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.keys = keys;
        this.catalog = catalog;
        this.clock = clock;
        this.threshold = new Threshold(config.disclosure().threshold());
        this.maxCells = config.query().maxCells();
        this.calendar = new ReleaseCalendar(config.release().zone(), config.release().delay());
    }

    /** The threshold k applied to every answer. */
    public int threshold() {
        return threshold.k();
    }

    /** How an answer drawn from these sources is protected. */
    public TableAnswer.Protection protection(List<StoredSnapshot> sources) {
        List<String> ids = sources.stream().map(StoredSnapshot::noiseKeyId).distinct().toList();
        List<Double> epsilons = sources.stream().map(StoredSnapshot::epsilon).distinct().toList();
        return new TableAnswer.Protection(METHOD, epsilons.size() == 1 ? epsilons.get(0) : null, threshold.k(),
                ids.size() == 1 ? ids.get(0) : null);
    }

    /** A table with, per granularity, the periods released and when the next one is expected. */
    public record PublishedTable(TableDefinition table, Map<String, List<String>> released,
            Map<String, ReleaseCalendar.NextRelease> nextRelease) {
    }

    public Uni<List<PublishedTable>> tables() {
        return snapshots.releasedPeriods().map(stored -> {
            List<PublishedTable> result = new ArrayList<>();
            java.time.Instant now = clock.instant();
            for (TableDefinition table : catalog.tables()) {
                Map<String, List<String>> periods = new java.util.LinkedHashMap<>();
                Map<String, ReleaseCalendar.NextRelease> next = new java.util.LinkedHashMap<>();
                for (org.anaiss.stats.domain.Granularity g : org.anaiss.stats.domain.Granularity.values()) {
                    List<String> released = new ArrayList<>();
                    for (SnapshotRepository.ReleasedPeriod s : stored) {
                        if (s.producer().equals(table.producer()) && s.measure().equals(table.measure()) && s.granularity() == g) {
                            released.add(s.period());
                        }
                    }
                    periods.put(g.name(), released);
                    next.put(g.name(), calendar.next(g, now));
                }
                result.add(new PublishedTable(table, periods, next));
            }
            return result;
        });
    }

    /** The released snapshots an answer to this query is computed from: every period of the range released. */
    public Uni<List<StoredSnapshot>> sources(TableQuery query) {
        TableDefinition table = query.table();
        return snapshots.snapshots(table.producer(), table.measure(), query.granularity(), query.from(), query.to());
    }

    public Uni<TableAnswer> answer(TableQuery query) {
        return sources(query).chain(sources -> answer(query, sources));
    }

    public Uni<TableAnswer> answer(TableQuery query, List<StoredSnapshot> sources) {
        List<Dimension> grouped = query.grouped();
        List<String[]> grid = grid(grouped, query);
        long cells = (long) sources.size() * grid.size();
        if (cells > maxCells) {
            return Uni.createFrom().failure(ProblemException.badRequest("answer-too-large", "Answer too large",
                    "This answer would hold " + cells + " cells, more than " + maxCells + ": narrow the period range, group "
                            + "by fewer dimensions or filter."));
        }
        CellBlock.Addressing addressing = new CellBlock.Addressing(query.table(), grouped);
        int mask = grouped.stream().mapToInt(Dimension::bit).sum();
        Map<Long, CellBlock> blocks = new HashMap<>();
        List<StoredSnapshot> missing = new ArrayList<>();
        for (StoredSnapshot source : sources) {
            CellBlock block = cache.get(new CellBlockCache.Key(source.id(), source.version(), mask));
            if (block != null) {
                blocks.put(source.id(), block);
            } else {
                missing.add(source);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(build(query, grouped, grid, addressing, sources, blocks));
        }
        long[] ids = missing.stream().mapToLong(StoredSnapshot::id).toArray();
        return snapshots.groupingSets(ids, grouped).map(rows -> {
            read(query, grouped, addressing, mask, missing, rows, blocks);
            return build(query, grouped, grid, addressing, sources, blocks);
        });
    }

    /** Every combination of the grouped dimensions' values (filtered), in domain order. */
    private static List<String[]> grid(List<Dimension> grouped, TableQuery query) {
        List<String[]> combos = new ArrayList<>();
        combos.add(new String[0]);
        for (Dimension d : grouped) {
            List<String> values = query.filters().getOrDefault(d, query.table().domain(d));
            List<String> domainOrder = query.table().domain(d).stream().filter(values::contains).toList();
            List<String[]> next = new ArrayList<>(combos.size() * domainOrder.size());
            for (String[] prefix : combos) {
                for (String v : domainOrder) {
                    String[] combo = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    combo[prefix.length] = v;
                    next.add(combo);
                }
            }
            combos = next;
        }
        return combos;
    }

    /** Turns the rows read into blocks, and keeps those read at the version the answer cites. */
    private void read(TableQuery query, List<Dimension> grouped, CellBlock.Addressing addressing, int mask,
            List<StoredSnapshot> missing, Iterable<Row> rows, Map<Long, CellBlock> blocks) {
        int width = grouped.size();
        Map<Long, CellBlock.Builder> builders = new HashMap<>();
        Map<Long, Long> versions = new HashMap<>();
        String[] values = new String[width];
        for (Row r : rows) {
            long id = r.getLong(0);
            versions.put(id, r.getLong(1));
            CellBlock.Builder builder = builders.computeIfAbsent(id, x -> new CellBlock.Builder(addressing));
            Integer noisy = r.getInteger(width + 2);
            if (noisy != null) {
                for (int i = 0; i < width; i++) {
                    values[i] = r.getString(i + 2);
                }
                builder.add(addressing.address(values), noisy);
            }
        }
        TableDefinition table = query.table();
        int[] positions = positions(table, grouped);
        for (StoredSnapshot source : missing) {
            CellBlock.Builder builder = builders.getOrDefault(source.id(), new CellBlock.Builder(addressing));
            CellBlock block = builder.build(address -> zero(query, source, positions, addressing.values(address)));
            blocks.put(source.id(), block);
            // read at another version than the one cited (replaced meanwhile): used once, not kept
            if (Long.valueOf(source.version()).equals(versions.get(source.id()))) {
                cache.put(new CellBlockCache.Key(source.id(), source.version(), mask), block);
            }
        }
    }

    /** Where each grouped dimension stands among the table's dimensions. */
    private static int[] positions(TableDefinition table, List<Dimension> grouped) {
        return grouped.stream().mapToInt(d -> table.dimensions().indexOf(d)).toArray();
    }

    /**
     * The published value of a cell the producer did not send: a count of 0, protected like any other
     * count, with the key that protected its period.
     */
    private int zero(TableQuery query, StoredSnapshot source, int[] positions, String[] combo) {
        TableDefinition table = query.table();
        String[] full = new String[table.dimensions().size()];
        for (int i = 0; i < combo.length; i++) {
            full[positions[i]] = combo[i];
        }
        NoiseMechanism noise = keys.byId(source.noiseKeyId()).orElseThrow(() -> new IllegalStateException(
                "the key of a released period is not configured (the startup check prevents it)")).mechanism();
        return noise.noisy(table.producer(), table.measure(), query.granularity(), source.period(), table.dimensions(), full, 0);
    }

    private TableAnswer build(TableQuery query, List<Dimension> grouped, List<String[]> grid, CellBlock.Addressing addressing,
            List<StoredSnapshot> sources, Map<Long, CellBlock> blocks) {
        TableDefinition table = query.table();
        List<TableAnswer.Row> rows = new ArrayList<>(sources.size() * grid.size());
        int[] positions = positions(table, grouped);
        long[] addresses = grid.stream().mapToLong(addressing::address).toArray();
        int regionAt = grouped.indexOf(Dimension.REGION);
        for (StoredSnapshot source : sources) {
            CellBlock block = blocks.get(source.id());
            java.util.Set<String> suppressed = regionAt < 0 ? java.util.Set.of() : java.util.Set.copyOf(source.suppressedRegions());
            for (int i = 0; i < addresses.length; i++) {
                if (!suppressed.isEmpty() && suppressed.contains(grid.get(i)[regionAt])) {
                    // the producer's staff rule: every figure of this region is the work of too few staff
                    rows.add(new TableAnswer.Row(source.period(), grid.get(i), null, TableAnswer.UNIT_TOO_SMALL));
                    continue;
                }
                int noisy = block.get(addresses[i]);
                if (noisy == CellBlock.ABSENT) {
                    noisy = zero(query, source, positions, grid.get(i));
                }
                rows.add(new TableAnswer.Row(source.period(), grid.get(i), threshold.publish(noisy)));
            }
        }
        return new TableAnswer(query, grouped, rows, sources, clock.instant(), protection(sources));
    }
}
