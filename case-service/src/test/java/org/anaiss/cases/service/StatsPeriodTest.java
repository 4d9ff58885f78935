package org.anaiss.cases.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.anaiss.cases.service.StatsPeriod.Granularity;
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
    void eachRunCoversCurrentAndPreviousPeriodOfEachGranularity() {
        assertThat(StatsPeriod.currentAndPrevious(LocalDate.of(2026, 11, 29)).stream().map(StatsPeriod::label))
                .containsExactly("2026-10", "2026-11", "2026-Q3", "2026-Q4", "2025", "2026");
    }
}
