package org.anaiss.cases.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.anaiss.platform.outbox.OutboxSettings;


/** The platform outbox reads its settings from {@code anaiss.cases.outbox.*}. */
public class OutboxConfig {

    @Produces
    @Singleton
    OutboxSettings outboxSettings(CaseConfig config) {
        return config.outbox();
    }
}
