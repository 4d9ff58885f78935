package org.anaiss.cases.config;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.anaiss.platform.audit.AuditLayout;

/** case-service's audit trail (migrations V1, V3, V5-V7, V10): its records name a case and a person. */
public class AuditLayoutProducer {

    @Produces
    @Singleton
    AuditLayout layout(CaseConfig config) {
        return new AuditLayout(List.of("case_id", "person_id"), List.of(new AuditLayout.Subject("CASE", "caseId", "case_id"),
                new AuditLayout.Subject("PERSON", "personId", "person_id")),
                config.auditVerification().chunkSize(), config.auditVerification().maxAttempts());
    }
}
