package org.anaiss.cases.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.outbox.OutboxWriter;
import org.anaiss.platform.outbox.ServiceOutbox;

/**
 * Adds an event of case-service to its outbox ({@code add}); call it inside the transaction of the change it
 * reports. Writing, relaying and purging are the platform outbox's (platform/outbox).
 */
@ApplicationScoped
public class Outbox extends ServiceOutbox {

    public Outbox(OutboxWriter writer) {
        super(writer, CloudEvent.SOURCE);
    }
}
