package org.anaiss.outreach.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.anaiss.platform.outbox.OutboxSettings;


/** The platform outbox reads its settings from {@code anaiss.outreach.outbox.*}. */
public class OutboxConfig {

    @Produces
    @Singleton
    OutboxSettings outboxSettings(OutreachConfig config) {
        return config.outbox();
    }
}
