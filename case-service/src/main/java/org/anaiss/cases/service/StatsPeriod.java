package org.anaiss.cases.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
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

    /** The current and the previous period of each granularity: what each export run recomputes. */
    public static List<StatsPeriod> currentAndPrevious(LocalDate today) {
        return List.of(Granularity.values()).stream()
                .flatMap(g -> {
                    StatsPeriod current = containing(g, today);
                    return java.util.stream.Stream.of(current.previous(), current);
                })
                .toList();
    }
}
