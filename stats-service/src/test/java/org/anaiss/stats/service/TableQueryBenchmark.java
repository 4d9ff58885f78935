package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.events.SnapshotMessage;
import org.anaiss.stats.repository.SnapshotRepository;
import org.anaiss.stats.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The performance target of issue 4: a table query over 5 years x 16 regions x all dimensions, p99
 * under 50 ms at 16 concurrent clients. Loads, into this run's own database, every cell of every
 * grouping set of the three case-service tables (dense: every combination of the five dimensions
 * has cases) for 5 years at the three granularities (255 snapshots, about 5 million cells), then
 * runs realistic queries from 16 closed-loop clients with a real statistician token, through HTTP.
 * <p>
 * Not part of the normal build (its name does not end in Test). Run it with:
 * {@code ./mvnw -B -pl stats-service test -Dtest=TableQueryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (about 4 minutes; figures printed and written to target/benchmark.txt).
 */
@QuarkusTest
class TableQueryBenchmark {

    private static final int CLIENTS = 16;
    private static final int REQUESTS = Integer.getInteger("anaiss.benchmark.requests", 2000);
    private static final String[] MEASURES = { "cases_opened", "cases_closed", "persons_accompanied" };

    @Inject
    SchemaCatalog catalog;
    @Inject
    SnapshotIngestor ingestor;
    @Inject
    SnapshotRepository snapshots;
    @Inject
    NoiseMechanism noise;
    @Inject
    org.anaiss.stats.rest.AnswerCache cache;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void tableQueriesAt16ConcurrentClients() throws Exception {
        int first = 5000 + new Random().nextInt(4000);
        Instant t0 = Instant.now();
        long cells = load(first);
        Duration loading = Duration.between(t0, Instant.now());
        String last = String.valueOf(first + 4);
        List<String> regions = catalog.table("case-service", "cases_opened").orElseThrow().domain(Dimension.REGION);

        StringBuilder report = new StringBuilder();
        report.append(String.format("loaded %d snapshots, %d cells in %d s%n", 255, cells, loading.toSeconds()));
        for (boolean cold : new boolean[] { true, false }) {
            this.cold = cold;
            report.append(cold ? "-- every answer computed (the answer cache emptied before each request)\n"
                    : "-- repeated questions (answers cached by snapshot versions)\n");
            scenarios(report, first, last, regions);
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmark.txt"), report.toString());
    }

    private boolean cold;

    private void scenarios(StringBuilder report, int first, String last, List<String> regions) throws Exception {
        report.append(run("A monthly, 5 years, by region (960 cells)", r -> "/api/stats/tables/cases_opened?granularity=MONTH"
                + "&from=" + first + "-01&to=" + last + "-12&groupBy=region"));
        report.append(run("B yearly, 5 years, one region by age band x sex x theme (525 cells)",
                r -> "/api/stats/tables/persons_accompanied?granularity=YEAR&from=" + first + "&to=" + last
                        + "&groupBy=ageBand,sex,theme&region=" + regions.get(r.nextInt(regions.size()))));
        report.append(run("C quarterly, 5 years, one region by theme x origin (700 cells)",
                r -> "/api/stats/tables/cases_closed?granularity=QUARTER&from=" + first + "-Q1&to=" + last
                        + "-Q4&groupBy=theme,origin&region=" + regions.get(r.nextInt(regions.size()))));
        report.append(run("D monthly, 5 years, national totals (60 cells)", r -> "/api/stats/tables/cases_opened?"
                + "granularity=MONTH&from=" + first + "-01&to=" + last + "-12"));
    }

    /** 5 years x (12 months + 4 quarters + 1 year) x 3 measures, every cell of every grouping set. */
    private long load(int first) {
        long cells = 0;
        Random random = new Random(42);
        for (String measure : MEASURES) {
            TableDefinition table = catalog.table("case-service", measure).orElseThrow();
            for (int year = first; year < first + 5; year++) {
                List<String[]> periods = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    periods.add(new String[] { "MONTH", String.format("%d-%02d", year, m) });
                }
                for (int q = 1; q <= 4; q++) {
                    periods.add(new String[] { "QUARTER", year + "-Q" + q });
                }
                periods.add(new String[] { "YEAR", String.valueOf(year) });
                for (String[] p : periods) {
                    List<SnapshotMessage.Cell> cube = cube(table, random);
                    SnapshotMessage s = new SnapshotMessage("case-service/" + measure + "/" + p[0] + "/" + p[1],
                            "bench@" + p[1], Instant.now(), table, Granularity.valueOf(p[0]), p[1], 1, true, cube);
                    snapshots.replace(s, ingestor.protect(s), noise.keyId(), noise.epsilon(), Instant.now())
                            .await().atMost(Duration.ofMinutes(2));
                    cells += cube.size();
                }
            }
        }
        return cells;
    }

    /** Dense counts for every combination of the five dimensions, and every roll-up (GROUP BY CUBE). */
    private static List<SnapshotMessage.Cell> cube(TableDefinition table, Random random) {
        List<List<String>> domains = table.dimensions().stream().map(table::domain).toList();
        Map<List<String>, Long> counts = new HashMap<>();
        int[] index = new int[domains.size()];
        while (true) {
            String[] finest = new String[domains.size()];
            for (int i = 0; i < finest.length; i++) {
                finest[i] = domains.get(i).get(index[i]);
            }
            long count = 1 + random.nextInt(30);
            for (int mask = 0; mask < 1 << finest.length; mask++) {
                String[] key = new String[finest.length];
                for (int i = 0; i < finest.length; i++) {
                    key[i] = (mask & (1 << i)) != 0 ? finest[i] : null;
                }
                counts.merge(Arrays.asList(key), count, Long::sum);
            }
            int d = finest.length - 1;
            while (d >= 0 && ++index[d] == domains.get(d).size()) {
                index[d--] = 0;
            }
            if (d < 0) {
                break;
            }
        }
        List<SnapshotMessage.Cell> cells = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> cells.add(new SnapshotMessage.Cell(k.toArray(String[]::new), v)));
        return cells;
    }

    private String run(String name, Function<Random, String> path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        String token = Tokens.of(Tokens.STATISTICIAN);
        // warm-up: JIT, pools, plans
        measure(http, token, path, CLIENTS * 20);
        long start = System.nanoTime();
        long[] latencies = measure(http, token, path, REQUESTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return String.format("%s: %d requests, %d clients: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %.0f req/s%n",
                name, latencies.length, CLIENTS, pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6, latencies.length / seconds);
    }

    private long[] measure(HttpClient http, String token, Function<Random, String> path, int total) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int seed = c;
            done.add(clients.submit(() -> {
                Random random = new Random(seed);
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path.apply(random)))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
                    if (cold) {
                        cache.invalidateAll();
                    }
                    long t = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    latencies[i] = System.nanoTime() - t;
                    assertThat(response.statusCode()).isEqualTo(200);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        return latencies;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
