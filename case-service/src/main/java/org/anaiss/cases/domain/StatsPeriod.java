package org.anaiss.cases.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/** A statistics period: a month ("2026-11"), a quarter ("2026-Q4") or a year ("2026"), as [start, end). */
public record StatsPeriod(Granularity granularity, String label, LocalDate start, LocalDate end) {

    public enum Granularity {
        MONTH, QUARTER, YEAR
    }

    public static StatsPeriod containing(Granularity granularity, LocalDate day) {
        return switch (granularity) {
            case MONTH -> {
                YearMonth m = YearMonth.from(day);
                yield new StatsPeriod(granularity, m.toString(), m.atDay(1), m.plusMonths(1).atDay(1));
            }
            case QUARTER -> {
                int q = day.get(IsoFields.QUARTER_OF_YEAR);
                LocalDate start = LocalDate.of(day.getYear(), (q - 1) * 3 + 1, 1);
                yield new StatsPeriod(granularity, day.getYear() + "-Q" + q, start, start.plusMonths(3));
            }
            case YEAR -> new StatsPeriod(granularity, String.valueOf(day.getYear()), LocalDate.of(day.getYear(), 1, 1),
                    LocalDate.of(day.getYear() + 1, 1, 1));
        };
    }

    public StatsPeriod previous() {
        return containing(granularity, start.minusDays(1));
    }

    /** A period from its label ("2026-11", "2026-Q4", "2026"), or empty when the label is not one of this granularity. */
    public static java.util.Optional<StatsPeriod> parse(Granularity granularity, String label) {
        if (label == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(switch (granularity) {
                case MONTH -> {
                    if (!label.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
                        yield null;
                    }
                    yield containing(granularity, YearMonth.parse(label).atDay(1));
                }
                case QUARTER -> {
                    if (!label.matches("[0-9]{4}-Q[1-4]")) {
                        yield null;
                    }
                    yield containing(granularity, LocalDate.of(Integer.parseInt(label.substring(0, 4)),
                            (label.charAt(6) - '1') * 3 + 1, 1));
                }
                case YEAR -> {
                    if (!label.matches("[0-9]{4}")) {
                        yield null;
                    }
                    yield containing(granularity, LocalDate.of(Integer.parseInt(label), 1, 1));
                }
            });
        } catch (NullPointerException | java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** When this period is released: its end (midnight in the zone) plus the freeze delay. */
    public Instant release(ZoneId zone, Duration freezeDelay) {
        return end.atStartOfDay(zone).toInstant().plus(freezeDelay);
    }

    /**
     * The periods of every granularity released in (now - window, now], oldest first: what an export run
     * looks for (each is exported once; one already exported is skipped).
     */
    public static List<StatsPeriod> releasedWithin(Instant now, Duration window, ZoneId zone, Duration freezeDelay) {
        List<StatsPeriod> periods = new ArrayList<>();
        for (Granularity g : Granularity.values()) {
            // the latest period released: the one before the period containing (now - delay)
            StatsPeriod p = containing(g, LocalDate.ofInstant(now.minus(freezeDelay), zone));
            if (p.release(zone, freezeDelay).isAfter(now)) {
                p = p.previous();
            }
            List<StatsPeriod> ofGranularity = new ArrayList<>();
            while (p.release(zone, freezeDelay).isAfter(now.minus(window))) {
                ofGranularity.add(p);
                p = p.previous();
            }
            java.util.Collections.reverse(ofGranularity);
            periods.addAll(ofGranularity);
        }
        return periods;
    }
}
