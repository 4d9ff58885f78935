package org.anaiss.stats.service;

import static org.anaiss.stats.support.Snapshots.key;
import static org.anaiss.stats.support.Snapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Harvest;
import org.anaiss.stats.support.Harvest.CellId;
import org.anaiss.stats.support.Snapshots;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The attack of issue 15, automated: read every table, change one case, have the producer send what
 * it sends, read again, compare cell by cell. Against the service as it is, the second reading is the
 * first one, cell for cell: a released period never changes, a period not yet over is not served. The
 * control runs the same comparison against the old behaviour — each export recomputed the period
 * and the service published the new counts, every figure count plus its cell's noise, masked below k
 * — and finds the cells that moved: the new case's region, age band, sex, theme and origin.
 */
@QuarkusTest
class TimeDifferencingAttackTest {

    private static final String MEASURE = "cases_opened";
    private static final String REGION = "NORMANDIE";
    private static final String[] NEW_CASE = { REGION, "55_64", "MALE", "DISABILITY", "HOSPITAL" };

    @Inject
    NoiseKeys keys;

    /** Large and small cells in a region, and elsewhere. */
    private static Cube population() {
        Cube cube = new Cube(5);
        String[] regions = { REGION, "BRETAGNE", "RHONE_ALPES", "SUD_EST" };
        String[] ages = { "UNDER_25", "25_39", "40_54", "55_64", "65_PLUS" };
        String[] themes = { "JOB_RETENTION", "DISABILITY", "AUTONOMY" };
        for (int r = 0; r < regions.length; r++) {
            for (int a = 0; a < ages.length; a++) {
                cube.add(4 + (3 * r + a) % 17, regions[r], ages[a], a % 2 == 0 ? "FEMALE" : "MALE", themes[(r + a) % 3],
                        a % 3 == 0 ? "SELF" : "HOSPITAL");
            }
        }
        return cube;
    }

    /** What the service publishes for a cell of this population: its count plus its noise, masked below k. */
    private Integer published(Cube cube, CellId id) {
        Granularity g = Granularity.valueOf(id.granularity());
        return new Threshold(11).publish(keys.forPeriod(g, id.period()).orElseThrow().mechanism().noisy("case-service", MEASURE,
                g, id.period(), Harvest.DIMS, id.values(), cube.count(id.values())));
    }

    @Test
    void changingOneCaseAndExportingAgainTeachesNothingWhileTheOldBehaviourShowsTheCellsThatMoved() {
        int year = Snapshots.uniqueYear();
        String month = year + "-05";
        String quarter = year + "-Q2";
        String[][] periods = { { "MONTH", month }, { "QUARTER", quarter }, { "YEAR", String.valueOf(year) } };
        Cube before = population();
        Cube after = population().add(1, NEW_CASE);
        long version = 1000;
        for (String[] p : periods) {
            Snapshots.send(key(MEASURE, p[0], p[1]), snapshot(MEASURE, p[0], p[1], version, before.cells()));
        }
        for (String[] p : periods) {
            Api.awaitVersion(MEASURE, p[0], p[1], version);
        }
        // the current month, which the old exporter published every hour: not over, never served
        String thisMonth = YearMonth.now(ZoneId.of("Europe/Paris")).toString();
        Map<String, String> current = Map.of("granularity", "MONTH", "from", thisMonth, "to", thisMonth);

        Map<CellId, Integer> first = Harvest.of(MEASURE, REGION, periods);
        assertThat(Api.table(MEASURE, current).getList("rows")).isEmpty();

        // one more case; the producer sends everything again (as an hourly recomputation did), and the current month
        RecordMetadata last = null;
        for (String[] p : periods) {
            last = Snapshots.send(key(MEASURE, p[0], p[1]), snapshot(MEASURE, p[0], p[1], version + 1, after.cells()));
        }
        RecordMetadata open = Snapshots.send(key(MEASURE, "MONTH", thisMonth), snapshot(MEASURE, "MONTH", thisMonth, version + 1,
                after.cells()));
        Api.awaitRejection(last.partition(), last.offset());
        Api.awaitRejection(open.partition(), open.offset());

        Map<CellId, Integer> second = Harvest.of(MEASURE, REGION, periods);
        List<CellId> learnt = Harvest.changed(first, second);
        System.out.printf("time differencing attack: %d cells read twice, %d changed%n", first.size(), learnt.size());
        assertThat(second).isEqualTo(first);
        assertThat(learnt).isEmpty();
        assertThat(Api.table(MEASURE, current).getList("rows")).isEmpty();

        // the control: the same cells under the old behaviour, the period published again with the new counts
        assertThat(Harvest.remodel(first, id -> published(before, id))).as("the model is the service").isEqualTo(first);
        List<CellId> moved = Harvest.changed(Harvest.remodel(first, id -> published(before, id)),
                Harvest.remodel(first, id -> published(after, id)));
        System.out.printf("control (old behaviour): %d of %d cells moved, all of them containing the new case%n", moved.size(),
                first.size());
        assertThat(moved).as("the old behaviour shows which cells moved").isNotEmpty();
        assertThat(moved).allMatch(id -> id.contains(NEW_CASE));
        // and it tells the attacker the new case's attributes: every dimension pinned by some moved cell
        for (int d = 0; d < 5; d++) {
            int dimension = d;
            assertThat(moved).as("a moved cell names " + Harvest.DIMS.get(d).apiName())
                    .anyMatch(id -> NEW_CASE[dimension].equals(id.tuple().get(dimension)));
        }
    }
}
