package org.anaiss.stats.service;

import static org.anaiss.stats.support.Snapshots.key;
import static org.anaiss.stats.support.Snapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Harvest;
import org.anaiss.stats.support.Harvest.CellId;
import org.anaiss.stats.support.Snapshots;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The averaging attack, measured (not tuned): over many independent seeds, a small group of people
 * (1 to 10, drawn at random, never redrawn) sits in one region and age band among large counts, in one
 * month of a quarter. The attacker knows who they are (their region, age band, sex, theme and origin)
 * and wants their number. They take every released figure that contains them — the month, the quarter
 * and the year, every grouping set of their attributes — and every one-step difference the published
 * figures allow (a total minus all its other parts, along each dimension; a quarter or a year minus its
 * other months), keep those whose every term is published, and average them all. The test reports how
 * often that average rounds to the true count, and how often the count was published outright (noise
 * above k - count). One seed goes through the running service first, so the model the seeds use is the
 * service's own publication, figure for figure. The control, the same attack on exact figures, always
 * recovers the count.
 */
@QuarkusTest
class AveragingAttackTest {

    private static final String MEASURE = "cases_opened";
    private static final int SEEDS = 1000;
    private static final int K = 11;
    private static final String[] REGIONS = { "ALSACE_MOSELLE", "AQUITAINE", "AUVERGNE", "BOURGOGNE_FRANCHE_COMTE", "BRETAGNE",
            "CENTRE_OUEST", "CENTRE_VAL_DE_LOIRE", "HAUTS_DE_FRANCE", "ILE_DE_FRANCE", "LANGUEDOC_ROUSSILLON", "MIDI_PYRENEES",
            "NORD_EST", "NORMANDIE", "PAYS_DE_LA_LOIRE", "RHONE_ALPES", "SUD_EST" };
    private static final String[] AGES = { "UNDER_25", "25_39", "40_54", "55_64", "65_PLUS" };
    private static final String[] SEXES = { "FEMALE", "MALE", "UNKNOWN" };
    private static final String[] THEMES = { "JOB_RETENTION", "ACCESS_TO_CARE", "HOSPITAL_DISCHARGE", "DISABILITY", "AUTONOMY",
            "ACCESS_TO_RIGHTS", "OTHER" };
    private static final String[] ORIGINS = { "SELF", "PARTNER_SIGNAL", "OUTREACH_OFFER", "HOSPITAL", "OTHER" };
    private static final String[][] DOMAINS = { REGIONS, AGES, SEXES, THEMES, ORIGINS };
    private static final String[] SMALL = { "RHONE_ALPES", "65_PLUS", "FEMALE", "AUTONOMY", "SELF" };

    @Inject
    NoiseKeys keys;

    /** One seed: its periods, the populations of its three months, and the small count hidden in the first. */
    private record Scenario(int year, int small, Cube[] months, Cube wholeQuarter) {
        String month(int i) {
            return String.format("%d-%02d", year, i + 1);
        }

        String quarter() {
            return year + "-Q1";
        }

        Cube population(CellId id) {
            return switch (id.granularity()) {
                case "MONTH" -> months[Integer.parseInt(id.period().substring(5)) - 1];
                // the year holds this quarter only
                default -> wholeQuarter;
            };
        }
    }

    /** Large counts in every region and age band but the small group's, spread over the other dimensions. */
    private static Scenario draw(int year, Random random) {
        Cube[] months = new Cube[3];
        for (int m = 0; m < 3; m++) {
            months[m] = new Cube(5);
            for (String region : REGIONS) {
                for (String age : AGES) {
                    if (region.equals(SMALL[0]) && age.equals(SMALL[1])) {
                        continue;
                    }
                    for (int k = 0; k < 3; k++) {
                        months[m].add(8 + random.nextInt(15), region, age, SEXES[random.nextInt(2)], THEMES[random.nextInt(7)],
                                ORIGINS[random.nextInt(5)]);
                    }
                }
            }
        }
        int small = 1 + random.nextInt(10);
        months[0].add(small, SMALL);
        return new Scenario(year, small, months, new Cube(5).addAll(months[0]).addAll(months[1]).addAll(months[2]));
    }

    /** The service's publication of a cell: count plus the cell's noise under the period's key, masked below k. */
    private Integer published(Scenario s, CellId id) {
        Granularity g = Granularity.valueOf(id.granularity());
        return new Threshold(K).publish(keys.forPeriod(g, id.period()).orElseThrow().mechanism().noisy("case-service", MEASURE, g,
                id.period(), Harvest.DIMS, id.values(), s.population(id).count(id.values())));
    }

    /** The released figures containing the small group: every grouping set of its region and age band and more. */
    private static List<CellId> targets(Scenario s) {
        List<CellId> targets = new ArrayList<>();
        for (String[] p : new String[][] { { "MONTH", s.month(0) }, { "QUARTER", s.quarter() }, { "YEAR", String.valueOf(s.year()) } }) {
            for (int mask = 3; mask < 32; mask += 4) {
                String[] values = new String[5];
                for (int i = 0; i < 5; i++) {
                    values[i] = (mask & (1 << i)) != 0 ? SMALL[i] : null;
                }
                targets.add(Harvest.cell(p[0], p[1], values));
            }
        }
        return targets;
    }

    /** Every one-step difference isolating a target whose terms are all published. */
    private static List<Integer> differences(Scenario s, CellId target, Function<CellId, Integer> figure) {
        List<Integer> found = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            if (target.tuple().get(d) == null) {
                continue;
            }
            Integer total = figure.apply(target.with(d, null));
            Integer sum = total;
            for (String v : DOMAINS[d]) {
                if (sum != null && !v.equals(target.tuple().get(d))) {
                    Integer part = figure.apply(target.with(d, v));
                    sum = part == null ? null : sum - part;
                }
            }
            if (sum != null) {
                found.add(sum);
            }
        }
        if (target.granularity().equals("MONTH")) {
            for (CellId whole : List.of(new CellId("QUARTER", s.quarter(), target.tuple()),
                    new CellId("YEAR", String.valueOf(s.year()), target.tuple()))) {
                Integer rest = figure.apply(whole);
                for (int m = 1; m < 3 && rest != null; m++) {
                    Integer part = figure.apply(new CellId("MONTH", s.month(m), target.tuple()));
                    rest = part == null ? null : rest - part;
                }
                if (rest != null) {
                    found.add(rest);
                }
            }
        }
        return found;
    }

    /** The attacker's best estimate: the average of every difference available, or null when none is. */
    private static Double estimate(Scenario s, Function<CellId, Integer> figure) {
        List<Integer> all = new ArrayList<>();
        for (CellId target : targets(s)) {
            all.addAll(differences(s, target, figure));
        }
        return all.isEmpty() ? null : all.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    @Test
    void theAverageOfEveryDifferenceRarelyGivesTheMaskedCount() {
        Random random = new Random(); // a fresh draw every run: the figure is measured, not chosen
        int firstYear = Snapshots.uniqueYear();
        // one seed through the running service: the figures the model gives are the ones it serves
        Scenario served = draw(firstYear, random);
        String[][] periods = { { "MONTH", served.month(0) }, { "MONTH", served.month(1) }, { "MONTH", served.month(2) },
                { "QUARTER", served.quarter() }, { "YEAR", String.valueOf(firstYear) } };
        for (String[] p : periods) {
            CellId any = Harvest.cell(p[0], p[1], new String[5]);
            Snapshots.send(key(MEASURE, p[0], p[1]), snapshot(MEASURE, p[0], p[1], 1, served.population(any).cells()));
        }
        for (String[] p : periods) {
            Api.awaitVersion(MEASURE, p[0], p[1], 1);
        }
        Map<CellId, Integer> harvested = Harvest.of(MEASURE, SMALL[0], periods);
        assertThat(Harvest.remodel(harvested, id -> published(served, id))).as("the model is the service").isEqualTo(harvested);

        int masked = 0;
        int publishedOutright = 0;
        int noDifference = 0;
        int recovered = 0;
        int controlRecovered = 0;
        double squaredError = 0;
        Map<Integer, Integer> differencesUsed = new HashMap<>();
        for (int seed = 0; seed < SEEDS; seed++) {
            // seeds past every year Snapshots hands out: periods of their own, so independent noise
            Scenario s = seed == 0 ? served : draw(1900 + seed, random);
            Map<CellId, Integer> cache = new HashMap<>();
            Function<CellId, Integer> figure = id -> cache.computeIfAbsent(id, x -> published(s, x));
            CellId month = targets(s).get(0);
            if (figure.apply(month) != null) {
                publishedOutright++;
                continue;
            }
            masked++;
            List<Integer> all = new ArrayList<>();
            targets(s).forEach(t -> all.addAll(differences(s, t, figure)));
            differencesUsed.merge(all.size(), 1, Integer::sum);
            Double estimate = estimate(s, figure);
            if (estimate == null) {
                noDifference++;
            } else {
                recovered += Math.round(estimate) == s.small() ? 1 : 0;
                squaredError += (estimate - s.small()) * (estimate - s.small());
            }
            Double exact = estimate(s, id -> s.population(id).count(id.values()));
            controlRecovered += exact != null && Math.round(exact) == s.small() ? 1 : 0;
        }
        int estimated = masked - noDifference;
        double rate = estimated == 0 ? 0 : recovered / (double) estimated;
        System.out.printf("averaging attack over %d seeds: the small count was published outright in %d, masked in %d; "
                + "no difference available in %d; the average of the differences rounds to the true count in %d of %d (%.1f %%), "
                + "root mean square error %.2f; differences per seed %s; control on exact figures: %d of %d%n", SEEDS,
                publishedOutright, masked, noDifference, recovered, estimated, 100 * rate,
                Math.sqrt(squaredError / Math.max(1, estimated)), new java.util.TreeMap<>(differencesUsed), controlRecovered, masked);

        // a check that the scenario exercises masking, not a property chosen: noise pushes a count of 1 to 10 over k about
        // one time in ten (889 masked of 1000 in one CI run, just over 900 before), so the bound sits well below, not at its edge
        assertThat(masked).as("seeds where the small count is masked").isGreaterThan(SEEDS * 85 / 100);
        assertThat(controlRecovered).as("the control: exact figures give the count away").isEqualTo(masked);
        assertThat(estimated).as("the attack found differences to average").isGreaterThan(masked / 2);
        // the bar set before measuring: the attacker is wrong more often than right
        assertThat(rate).as("the averaging attack recovers the masked count").isLessThan(0.5);
    }
}
