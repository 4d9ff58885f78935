package org.anaiss.outreach.events;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Counts the consumed events sent to a dead-letter topic (the consumers are created at their first message). */
@ApplicationScoped
@Startup // the counter exists from the start, at 0
public class DeadLetters {

    private final Counter caseEvents;

    public DeadLetters(MeterRegistry registry) {
        this.caseEvents = Counter.builder("anaiss.messages.dead.lettered").tag("channel", "case-events")
                .description("Consumed events sent to the dead-letter topic because they could not be read").baseUnit("events")
                .register(registry);
    }

    /** A case-events event goes to the dead-letter topic. */
    public void caseEvents() {
        caseEvents.increment();
    }
}
