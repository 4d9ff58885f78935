package org.anaiss.stats.domain;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** Periods of the snapshots, each with the one format of its period labels. */
public enum Granularity {
    MONTH("^[0-9]{4}-(0[1-9]|1[0-2])$", "2026-01"),
    QUARTER("^[0-9]{4}-Q[1-4]$", "2026-Q1"),
    YEAR("^[0-9]{4}$", "2026");

    private final Pattern pattern;
    private final String example;

    Granularity(String regex, String example) {
        this.pattern = Pattern.compile(regex);
        this.example = example;
    }

    /** Labels of one granularity sort in time order as strings, so ranges compare as text. */
    public boolean accepts(String period) {
        return period != null && pattern.matcher(period).matches();
    }

    public String example() {
        return example;
    }

    /** The first day of a period of this granularity (the label must be accepted). */
    public LocalDate start(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return switch (this) {
            case MONTH -> LocalDate.of(year, Integer.parseInt(period.substring(5, 7)), 1);
            case QUARTER -> LocalDate.of(year, (period.charAt(6) - '1') * 3 + 1, 1);
            case YEAR -> LocalDate.of(year, 1, 1);
        };
    }

    /** The day after the last day of the period: where it ends, exclusive. */
    public LocalDate end(String period) {
        LocalDate start = start(period);
        return switch (this) {
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The label of the period of this granularity that contains the day. */
    public String label(LocalDate day) {
        return switch (this) {
            case MONTH -> String.format("%04d-%02d", day.getYear(), day.getMonthValue());
            case QUARTER -> String.format("%04d-Q%d", day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.format("%04d", day.getYear());
        };
    }
}
