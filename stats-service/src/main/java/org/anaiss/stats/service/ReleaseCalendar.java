package org.anaiss.stats.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.anaiss.stats.domain.Granularity;

/**
 * When periods are released: at the end of the period (midnight in the producers' zone) plus the
 * producers' freeze delay. Readers are told the next one; the producers decide the release itself
 * (they export each released period once, at their next run after this date).
 */
public record ReleaseCalendar(ZoneId zone, Duration delay) {

    /** The next period of a granularity to be released, and from when it is expected. */
    public record NextRelease(String period, Instant expectedFrom) {
    }

    public Instant release(Granularity granularity, String period) {
        return granularity.end(period).atStartOfDay(zone).toInstant().plus(delay);
    }

    /** The earliest period whose release is after {@code now}: the one containing (now - delay). */
    public NextRelease next(Granularity granularity, Instant now) {
        String period = granularity.label(LocalDate.ofInstant(now.minus(delay), zone));
        if (!release(granularity, period).isAfter(now)) {
            // at the exact boundary: that period is out, the next one is due
            period = granularity.label(granularity.end(period));
        }
        return new NextRelease(period, release(granularity, period));
    }
}
