package org.anaiss.cases.service;

import org.anaiss.cases.domain.StatsPeriod;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.anaiss.cases.domain.StatsPeriod.Granularity;
import org.junit.jupiter.api.Test;

class StatsPeriodTest {

    @Test
    void periodsAreHalfOpenAndLabelled() {
        StatsPeriod month = StatsPeriod.containing(Granularity.MONTH, LocalDate.of(2026, 11, 29));
        assertThat(month.label()).isEqualTo("2026-11");
        assertThat(month.start()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(month.end()).isEqualTo(LocalDate.of(2026, 12, 1));
        StatsPeriod quarter = StatsPeriod.containing(Granularity.QUARTER, LocalDate.of(2026, 11, 29));
        assertThat(quarter.label()).isEqualTo("2026-Q4");
        assertThat(quarter.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(quarter.end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(StatsPeriod.containing(Granularity.YEAR, LocalDate.of(2026, 1, 1)).label()).isEqualTo("2026");
    }

    @Test
    void previousPeriodCrossesYears() {
        assertThat(StatsPeriod.containing(Granularity.MONTH, LocalDate.of(2026, 1, 10)).previous().label()).isEqualTo("2025-12");
        assertThat(StatsPeriod.containing(Granularity.QUARTER, LocalDate.of(2026, 2, 10)).previous().label()).isEqualTo("2025-Q4");
    }

    @Test
    void aRunLooksForThePeriodsReleasedWithinTheWindowNeverAnOpenOne() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Duration delay = Duration.ofDays(45);
        // 2 December 2026: October is released on 16 December, September was on 15 November
        Instant now = Instant.parse("2026-12-02T18:00:00Z");
        assertThat(StatsPeriod.releasedWithin(now, Duration.ofDays(100), paris, delay).stream().map(StatsPeriod::label))
                .containsExactly("2026-07", "2026-08", "2026-09", "2026-Q3");
        assertThat(StatsPeriod.releasedWithin(now, Duration.ofDays(400), paris, delay).stream().map(StatsPeriod::label))
                .contains("2025-10", "2026-09", "2025-Q3", "2026-Q3", "2025").doesNotContain("2026-10", "2026-11", "2026-12",
                        "2026-Q4", "2026", "2024");
        // at the instant of October's release, October is in
        Instant october = StatsPeriod.containing(Granularity.MONTH, LocalDate.of(2026, 10, 1)).release(paris, delay);
        assertThat(october).isEqualTo(Instant.parse("2026-12-15T23:00:00Z"));
        assertThat(StatsPeriod.releasedWithin(october, Duration.ofDays(1), paris, delay).stream().map(StatsPeriod::label))
                .containsExactly("2026-10");
    }

    @Test
    void labelsAreParsedBackOrRefused() {
        assertThat(StatsPeriod.parse(Granularity.QUARTER, "2019-Q3").orElseThrow().start()).isEqualTo(LocalDate.of(2019, 7, 1));
        assertThat(StatsPeriod.parse(Granularity.MONTH, "2019-03").orElseThrow().end()).isEqualTo(LocalDate.of(2019, 4, 1));
        assertThat(StatsPeriod.parse(Granularity.YEAR, "2019").orElseThrow().label()).isEqualTo("2019");
        assertThat(StatsPeriod.parse(Granularity.MONTH, "2019-13")).isEmpty();
        assertThat(StatsPeriod.parse(Granularity.QUARTER, "2019-03")).isEmpty();
        assertThat(StatsPeriod.parse(Granularity.YEAR, null)).isEmpty();
    }
}
