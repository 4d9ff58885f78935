package org.anaiss.stats.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Snapshot;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.repository.SnapshotRepository;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Answers table queries with disclosure control. Every cell of the requested grid is published as
 * its noisy value (stored at ingestion; computed the same way, with a count of 0, for a cell the
 * producer did not send), then masked when the noisy value is below the threshold k. A cell's
 * figure is the same in every answer that shows it, and no answer is ever a sum of other cells, so
 * totals, breakdowns, overlapping filters and neighbouring periods each carry their own noise.
 */
@ApplicationScoped
public class TableQueryService {

    static final String METHOD = "two-sided geometric noise (discrete Laplace), deterministic per cell (HMAC-SHA-256 seeded), "
            + "then threshold: a noisy value below k is masked";

    private final SnapshotRepository snapshots;
    private final CellBlockCache cache;
    private final NoiseMechanism noise;
    private final SchemaCatalog catalog;
    private final Clock clock;
    private final Threshold threshold;
    private final int maxCells;

    public TableQueryService(SnapshotRepository snapshots, CellBlockCache cache, NoiseMechanism noise, SchemaCatalog catalog,
            Clock clock, StatsConfig config) {
        this.snapshots = snapshots;
        this.cache = cache;
        this.noise = noise;
        this.catalog = catalog;
        this.clock = clock;
        this.threshold = new Threshold(config.disclosure().threshold());
        this.maxCells = config.query().maxCells();
    }

    public TableAnswer.Protection protection() {
        return new TableAnswer.Protection(METHOD, noise.epsilon(), threshold.k(), noise.keyId());
    }

    /** A table with the periods stored for each granularity. */
    public record PublishedTable(TableDefinition table, Map<String, List<String>> periods) {
    }

    @WithSession
    public Uni<List<PublishedTable>> tables() {
        return Snapshot.<Snapshot>find("noiseKeyId = ?1 and epsilon = ?2 order by producer, measure, granularity, period",
                noise.keyId(), noise.epsilon()).list().map(stored -> {
                    List<PublishedTable> result = new ArrayList<>();
                    for (TableDefinition table : catalog.tables()) {
                        Map<String, List<String>> periods = new java.util.LinkedHashMap<>();
                        for (Snapshot s : stored) {
                            if (s.producer.equals(table.producer()) && s.measure.equals(table.measure())) {
                                periods.computeIfAbsent(s.granularity.name(), g -> new ArrayList<>()).add(s.period);
                            }
                        }
                        result.add(new PublishedTable(table, periods));
                    }
                    return result;
                });
    }

    /** The snapshots an answer to this query is computed from: every period of the range that has one. */
    public Uni<List<StoredSnapshot>> sources(TableQuery query) {
        TableDefinition table = query.table();
        return snapshots.snapshots(table.producer(), table.measure(), query.granularity(), query.from(), query.to(),
                noise.keyId(), noise.epsilon());
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

    /** The published value of a cell the producer did not send: a count of 0, protected like any other count. */
    private int zero(TableQuery query, StoredSnapshot source, int[] positions, String[] combo) {
        TableDefinition table = query.table();
        String[] full = new String[table.dimensions().size()];
        for (int i = 0; i < combo.length; i++) {
            full[positions[i]] = combo[i];
        }
        return noise.noisy(table.producer(), table.measure(), query.granularity(), source.period(), table.dimensions(), full, 0);
    }

    private TableAnswer build(TableQuery query, List<Dimension> grouped, List<String[]> grid, CellBlock.Addressing addressing,
            List<StoredSnapshot> sources, Map<Long, CellBlock> blocks) {
        TableDefinition table = query.table();
        List<TableAnswer.Row> rows = new ArrayList<>(sources.size() * grid.size());
        int[] positions = positions(table, grouped);
        long[] addresses = grid.stream().mapToLong(addressing::address).toArray();
        for (StoredSnapshot source : sources) {
            CellBlock block = blocks.get(source.id());
            for (int i = 0; i < addresses.length; i++) {
                int noisy = block.get(addresses[i]);
                if (noisy == CellBlock.ABSENT) {
                    noisy = zero(query, source, positions, grid.get(i));
                }
                rows.add(new TableAnswer.Row(source.period(), grid.get(i), threshold.publish(noisy)));
            }
        }
        return new TableAnswer(query, grouped, rows, sources, clock.instant(), protection());
    }
}
