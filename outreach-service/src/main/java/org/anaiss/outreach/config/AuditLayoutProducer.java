package org.anaiss.outreach.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.anaiss.platform.audit.AuditLayout;

/**
 * outreach-service's audit trail (migration V10): its records name a person by person_key only; the DPO
 * reads them per record, per person key, per period or per actor for an incident.
 */
public class AuditLayoutProducer {

    @Produces
    @Singleton
    AuditLayout layout(OutreachConfig config) {
        return new AuditLayout(List.of("person_key"), List.of(new AuditLayout.Subject("RECORD", "recordId", "record_id"),
                new AuditLayout.Subject("PERSON", "personKey", "person_key")),
                config.audit().verificationChunkSize(), config.audit().verificationMaxAttempts());
    }
}
