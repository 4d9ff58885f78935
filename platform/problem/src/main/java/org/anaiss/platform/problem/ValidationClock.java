package org.anaiss.platform.problem;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;

/** Bean Validation's @Past and @PastOrPresent judge by the same clock as the rest of the service. */
public class ValidationClock {

    @Produces
    @Singleton
    ClockProvider clockProvider(Clock clock) {
        return () -> clock;
    }
}
