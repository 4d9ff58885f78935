package org.anaiss.stats.domain;

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
}
