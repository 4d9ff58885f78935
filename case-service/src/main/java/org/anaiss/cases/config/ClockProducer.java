package org.anaiss.cases.config;

import java.time.Clock;

import jakarta.inject.Singleton;
import jakarta.validation.ClockProvider;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/** The system clock; tests of time-based rules replace it with a fixed or moving one. */
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Bean Validation's @Past and @PastOrPresent judge by the same clock as the rest of the service. */
    @Produces
    @Singleton
    ClockProvider clockProvider(Clock clock) {
        return () -> clock;
    }
}
