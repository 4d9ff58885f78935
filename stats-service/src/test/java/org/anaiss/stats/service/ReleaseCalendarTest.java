package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.anaiss.stats.domain.Granularity;
import org.junit.jupiter.api.Test;

class ReleaseCalendarTest {

    private final ReleaseCalendar calendar = new ReleaseCalendar(ZoneId.of("Europe/Paris"), Duration.ofDays(45));

    @Test
    void aPeriodIsReleasedAtItsEndPlusTheDelay() {
        // October 2026 ends at midnight in Paris on 1 November (UTC+1), released 45 days later
        assertThat(calendar.release(Granularity.MONTH, "2026-10")).isEqualTo(Instant.parse("2026-12-15T23:00:00Z"));
        assertThat(calendar.release(Granularity.YEAR, "2025")).isEqualTo(Instant.parse("2026-02-14T23:00:00Z"));
    }

    @Test
    void theNextReleaseIsTheEarliestPeriodNotYetReleased() {
        Instant now = Instant.parse("2026-12-02T18:00:00Z");
        assertThat(calendar.next(Granularity.MONTH, now))
                .isEqualTo(new ReleaseCalendar.NextRelease("2026-10", Instant.parse("2026-12-15T23:00:00Z")));
        assertThat(calendar.next(Granularity.QUARTER, now).period()).isEqualTo("2026-Q4");
        assertThat(calendar.next(Granularity.YEAR, now).period()).isEqualTo("2026");
        // at the very instant of a release, the next one is the following period
        assertThat(calendar.next(Granularity.MONTH, Instant.parse("2026-12-15T23:00:00Z")).period()).isEqualTo("2026-11");
    }
}
