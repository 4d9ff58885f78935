package org.anaiss.cases.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Counts the consumed events sent to a dead-letter topic (the consumers are created at their first message). */
@ApplicationScoped
@Startup // the counter exists from the start, at 0
public class DeadLetters {

    private final Counter offerAccepted;

    public DeadLetters(MeterRegistry registry) {
        this.offerAccepted = Counter.builder("anaiss.messages.dead.lettered").tag("channel", "offer-accepted")
                .description("Consumed events sent to the dead-letter topic because they could not be read").baseUnit("events")
                .register(registry);
    }

    /** A offer-accepted event goes to the dead-letter topic. */
    public void offerAccepted() {
        offerAccepted.increment();
    }
}
