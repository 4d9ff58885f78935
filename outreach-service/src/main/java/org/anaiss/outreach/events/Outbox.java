package org.anaiss.outreach.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.outbox.OutboxWriter;
import org.anaiss.platform.outbox.ServiceOutbox;

/**
 * Adds an event of outreach-service to its outbox ({@code add}); call it inside the transaction of the change it
 * reports. Writing, relaying and purging are the platform outbox's (platform/outbox); every event is sealed at
 * rest by {@link OutboxSealing}: a raw outbox row never shows a NIR, a name or an address.
 */
@ApplicationScoped
public class Outbox extends ServiceOutbox {

    public Outbox(OutboxWriter writer) {
        super(writer, CloudEvent.SOURCE);
    }
}
