package org.anaiss.stats.service;

import static org.anaiss.stats.support.Snapshots.key;
import static org.anaiss.stats.support.Snapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Harvest;
import org.anaiss.stats.support.Harvest.CellId;
import org.anaiss.stats.support.Snapshots;
import org.anaiss.stats.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A small cell (3 cases of people aged 65 and over in RHONE_ALPES in one month) among large ones,
 * published as the producer does: months, their quarter, the year, every grouping set. It is masked
 * everywhere, and an automated differencing attack over every total and breakdown the API offers for
 * that region and those periods cannot recover it, while the same attack on the exact figures does.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureControlTest {

    private static final String MEASURE = "cases_opened";
    private static final List<Dimension> DIMS = List.of(Dimension.REGION, Dimension.AGE_BAND, Dimension.SEX, Dimension.THEME,
            Dimension.ORIGIN);
    private static final List<String> REGIONS = List.of("ALSACE_MOSELLE", "AQUITAINE", "AUVERGNE", "BOURGOGNE_FRANCHE_COMTE",
            "BRETAGNE", "CENTRE_OUEST", "CENTRE_VAL_DE_LOIRE", "HAUTS_DE_FRANCE", "ILE_DE_FRANCE", "LANGUEDOC_ROUSSILLON",
            "MIDI_PYRENEES", "NORD_EST", "NORMANDIE", "PAYS_DE_LA_LOIRE", "RHONE_ALPES", "SUD_EST");
    private static final List<String> AGES = List.of("UNDER_25", "25_39", "40_54", "55_64", "65_PLUS");
    private static final String[] SMALL = { "RHONE_ALPES", "65_PLUS", "FEMALE", "AUTONOMY", "SELF" };

    @Inject
    NoiseKeys keys;
    /** The test profile has one key, from the beginning: it protects every period here. */
    private NoiseMechanism noise;
    @Inject
    SchemaCatalog catalog;

    private int threshold = 11;
    private String m1;
    private String m2;
    private String m3;
    private String quarter;
    private String year;
    private final Map<String, Cube> cubes = new HashMap<>();

    /** Large counts for every region and age band but the small cell's, spread over the other dimensions. */
    private static Cube large(int seed) {
        Cube cube = new Cube(5);
        String[] sexes = { "FEMALE", "MALE" };
        String[] themes = { "JOB_RETENTION", "ACCESS_TO_CARE", "DISABILITY" };
        String[] origins = { "SELF", "PARTNER_SIGNAL", "HOSPITAL" };
        for (int r = 0; r < REGIONS.size(); r++) {
            for (int a = 0; a < AGES.size(); a++) {
                if (REGIONS.get(r).equals(SMALL[0]) && AGES.get(a).equals(SMALL[1])) {
                    continue; // the small cell: only the 3 cases added in the first month
                }
                for (int k = 0; k < 3; k++) {
                    cube.add(12 + (r + a + k + seed) % 7, REGIONS.get(r), AGES.get(a), sexes[(r + k) % 2], themes[(a + k) % 3],
                            origins[(r + a + k) % 3]);
                }
            }
        }
        return cube;
    }

    private boolean published;

    // @BeforeEach rather than @BeforeAll: the HTTP port is set for each test
    @BeforeEach
    void publish() {
        if (published) {
            return;
        }
        published = true;
        noise = keys.all().get(0).mechanism();
        // Pick a year whose noise leaves every cell of the 3 cases masked: this test attacks a masked
        // cell (noise publishes a small cell now and then, as a figure unrelated to its count).
        Cube small = new Cube(5).add(3, SMALL);
        int y;
        do {
            y = Snapshots.uniqueYear();
        } while (!smallCellsMasked(y, small));
        year = String.valueOf(y);
        m1 = y + "-01";
        m2 = y + "-02";
        m3 = y + "-03";
        quarter = y + "-Q1";
        cubes.put(m1, large(1).addAll(small));
        cubes.put(m2, large(2));
        cubes.put(m3, large(3));
        cubes.put(quarter, large(1).addAll(small).addAll(large(2)).addAll(large(3)));
        cubes.put(year, cubes.get(quarter));
        long version = System.currentTimeMillis();
        send("MONTH", m1, version);
        send("MONTH", m2, version);
        send("MONTH", m3, version);
        send("QUARTER", quarter, version);
        send("YEAR", year, version);
        Api.awaitVersion(MEASURE, "MONTH", m1, version);
        Api.awaitVersion(MEASURE, "MONTH", m2, version);
        Api.awaitVersion(MEASURE, "MONTH", m3, version);
        Api.awaitVersion(MEASURE, "QUARTER", quarter, version);
        Api.awaitVersion(MEASURE, "YEAR", year, version);
    }

    private void send(String granularity, String period, long version) {
        Snapshots.send(key(MEASURE, granularity, period), snapshot(MEASURE, granularity, period, version,
                cubes.get(period).cells()));
    }

    private boolean smallCellsMasked(int y, Cube small) {
        for (String[] p : new String[][] { { "MONTH", y + "-01" }, { "QUARTER", y + "-Q1" }, { "YEAR", String.valueOf(y) } }) {
            for (int mask = 3; mask < 32; mask += 4) { // region and age band grouped, any other dimensions
                String[] values = new String[5];
                for (int i = 0; i < 5; i++) {
                    values[i] = (mask & (1 << i)) != 0 ? SMALL[i] : null;
                }
                if (noise.noisy("case-service", MEASURE, Granularity.valueOf(p[0]), p[1], DIMS, values, 3) >= threshold) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every answer the API gives for these periods: all groupings, with and without the region filter (Harvest). */
    private Map<CellId, Integer> harvest() {
        return Harvest.of(MEASURE, "RHONE_ALPES", new String[] { "MONTH", m1 }, new String[] { "MONTH", m2 },
                new String[] { "MONTH", m3 }, new String[] { "QUARTER", quarter }, new String[] { "YEAR", year });
    }

    /**
     * One-step differencing, everything an attacker can subtract: a published total minus all its
     * other published parts, along any dimension, and a quarter minus its other two months.
     */
    private List<Integer> estimates(CellId target, Function<CellId, Integer> figure) {
        List<Integer> estimates = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            if (target.tuple().get(d) == null) {
                continue;
            }
            Integer total = figure.apply(target.with(d, null));
            List<String> domain = catalog.table("case-service", MEASURE).orElseThrow().domain(DIMS.get(d));
            Integer others = 0;
            for (String v : domain) {
                if (!v.equals(target.tuple().get(d))) {
                    Integer part = figure.apply(target.with(d, v));
                    others = part == null || others == null ? null : others + part;
                }
            }
            if (total != null && others != null) {
                estimates.add(total - others);
            }
        }
        if (target.granularity().equals("MONTH")) {
            Integer q = figure.apply(new CellId("QUARTER", quarter, target.tuple()));
            Integer others = 0;
            for (String m : List.of(m1, m2, m3)) {
                if (!m.equals(target.period())) {
                    Integer part = figure.apply(new CellId("MONTH", m, target.tuple()));
                    others = part == null || others == null ? null : others + part;
                }
            }
            if (q != null && others != null) {
                estimates.add(q - others);
            }
        }
        return estimates;
    }

    private List<CellId> smallCells() {
        List<CellId> cells = new ArrayList<>();
        for (String[] p : new String[][] { { "MONTH", m1 }, { "QUARTER", quarter }, { "YEAR", year } }) {
            for (int mask = 3; mask < 32; mask += 4) {
                List<String> tuple = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    tuple.add((mask & (1 << i)) != 0 ? SMALL[i] : null);
                }
                cells.add(new CellId(p[0], p[1], tuple));
            }
        }
        return cells;
    }

    private int exact(CellId id) {
        return cubes.get(id.period()).count(id.tuple().toArray(String[]::new));
    }

    @Test
    void differencingEveryTotalAndBreakdownCannotRecoverTheMaskedCell() {
        // the same figure for the same cell in every answer (Harvest fails otherwise): nothing to average
        Map<CellId, Integer> seen = harvest();
        // no published figure between 0 and k
        seen.values().stream().filter(Objects::nonNull).forEach(v -> assertThat(v).isGreaterThanOrEqualTo(threshold));
        // the small cells are masked in every answer that shows them
        for (CellId small : smallCells()) {
            assertThat(seen).as(small.toString()).containsKey(small);
            assertThat(seen.get(small)).as(small.toString()).isNull();
        }

        CellId target = new CellId("MONTH", m1, Arrays.asList("RHONE_ALPES", "65_PLUS", null, null, null));
        List<Integer> published = new ArrayList<>();
        for (CellId small : smallCells()) {
            published.addAll(estimates(small, seen::get));
        }
        List<Integer> onTarget = estimates(target, seen::get);

        System.out.printf("differencing attack: %d estimates of the 3-case cells %s, on the month cell %s%n", published.size(),
                published, onTarget);
        assertThat(onTarget).as("the attack found totals and parts to subtract").hasSizeGreaterThanOrEqualTo(2);
        assertThat(published).hasSizeGreaterThanOrEqualTo(6);
        // the differences scatter around the count: none of them can be told to be the right one
        assertThat(published.stream().distinct().count()).as("differences disagree: " + published).isGreaterThan(1);
        assertThat(published).as("differences: " + published).anyMatch(e -> e != exact(target));
    }

    @Test
    void theSameAttackOnExactFiguresRecoversTheCell() {
        // the control: without the protection, every difference is the small count itself
        CellId target = new CellId("MONTH", m1, Arrays.asList("RHONE_ALPES", "65_PLUS", null, null, null));
        List<Integer> estimates = estimates(target, this::exact);
        assertThat(estimates).isNotEmpty().containsOnly(3);
    }

    @Test
    void everyCombinationIsAnsweredAndAbsentOnesAreProtectedLikeOthers() {
        // RHONE_ALPES has no case aged 65+ in the second month: that cell is a noisy 0, masked, not absent
        JsonPath answer = Api.table(MEASURE, Map.of("granularity", "MONTH", "from", m2, "to", m2, "groupBy", "ageBand",
                "region", "RHONE_ALPES"));
        assertThat(answer.getList("rows.ageBand")).containsExactlyElementsOf(AGES);
        assertThat(answer.getList("rows.region")).containsOnly("RHONE_ALPES");
        Map<String, Object> over65 = answer.<Map<String, Object>>getList("rows").get(4);
        int noisyZero = noise.noisy("case-service", MEASURE, Granularity.MONTH, m2, DIMS,
                new String[] { "RHONE_ALPES", "65_PLUS", null, null, null }, 0);
        assertThat(over65.get("value")).isEqualTo(noisyZero >= threshold ? noisyZero : null);
    }

    @Test
    void repeatedQueriesGiveTheSameAnswer() {
        Map<String, Object> params = Map.of("granularity", "MONTH", "from", m1, "to", m3, "groupBy", "region,ageBand,sex");
        List<Object> first = Api.table(MEASURE, params).getList("rows");
        for (int i = 0; i < 5; i++) {
            assertThat(Api.table(MEASURE, params).getList("rows")).isEqualTo(first);
        }
    }

    @Test
    void publishedFiguresAreTheCountPlusTheCellsOwnNoise() {
        JsonPath answer = Api.table(MEASURE, Map.of("granularity", "QUARTER", "from", quarter, "to", quarter, "groupBy", "region"));
        for (Map<String, Object> row : answer.<Map<String, Object>>getList("rows")) {
            String[] values = { (String) row.get("region"), null, null, null, null };
            int count = cubes.get(quarter).count(values);
            assertThat(row.get("value")).isEqualTo(noise.noisy("case-service", MEASURE, Granularity.QUARTER, quarter, DIMS, values,
                    count));
        }
        assertThat(answer.getString("metadata.protection.method")).contains("geometric");
        assertThat(answer.getDouble("metadata.protection.epsilon")).isEqualTo(noise.epsilon());
        assertThat(answer.getInt("metadata.protection.threshold")).isEqualTo(threshold);
        assertThat(answer.getString("metadata.protection.noiseKeyId")).isEqualTo("dev1");
        assertThat(answer.getString("metadata.generatedAt")).isNotBlank();
        assertThat(answer.getList("metadata.sources.period")).containsExactly(quarter);
    }

    @Test
    void csvHasTheSameRowsAndTheProtectionMetadata() {
        Map<String, Object> params = Map.of("granularity", "MONTH", "from", m1, "to", m2, "groupBy", "ageBand",
                "region", "RHONE_ALPES");
        JsonPath json = Api.table(MEASURE, params);
        var response = Api.as(Tokens.STATISTICIAN).accept("text/csv").queryParams(params).get("/api/stats/tables/" + MEASURE)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract();
        String csv = response.asString();
        assertThat(response.header("X-Stats-Threshold")).isEqualTo("11");
        assertThat(response.header("X-Stats-Epsilon")).isEqualTo(String.valueOf(noise.epsilon()));
        assertThat(response.header("X-Stats-Noise-Key-Id")).isEqualTo("dev1");
        List<String> lines = csv.lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("# protection: two-sided geometric"));
        assertThat(lines).anyMatch(l -> l.startsWith("# epsilon: " + noise.epsilon() + "; threshold: 11; noise key id: dev1"));
        List<String> data = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(data.get(0)).isEqualTo("period,region,ageBand,value,masked,reason");
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> row : json.<Map<String, Object>>getList("rows")) {
            expected.add(row.get("period") + "," + row.get("region") + "," + row.get("ageBand") + ","
                    + (row.get("value") == null ? "" : row.get("value")) + "," + row.get("masked") + ","
                    + (row.get("reason") == null ? "" : row.get("reason")));
        }
        assertThat(data.subList(1, data.size())).containsExactlyElementsOf(expected);
        assertThat(data).anyMatch(l -> l.endsWith(",65_PLUS,,true,below-threshold"));
    }
}
