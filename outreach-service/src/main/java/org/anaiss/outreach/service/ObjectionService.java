package org.anaiss.outreach.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.repository.ObjectionRepository;
import org.anaiss.platform.crypto.NirHasher;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A person's objection to outreach, kept by person key only. Recording it cancels their open offers
 * (and the messages still waiting in the mail queue); every later selection skips them.
 */
@ApplicationScoped
public class ObjectionService {

    private final Clock clock;
    private final NirHasher hasher;

    private final AuditTrail audit;
    private final ObjectionRepository objections;

    public ObjectionService(Clock clock, NirHasher hasher, AuditTrail audit, ObjectionRepository objections) {
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.objections = objections;
    }

    /** Recorded by an officer at the person's request (phone, letter, desk). */
    @WithTransaction
    public Uni<Void> recordByOfficer(Caller caller, String nir) {
        String key = hasher.personKeyOf(nir);
        return record(key, org.anaiss.outreach.domain.Objection.OFFICER)
                .call(() -> audit.record(caller, AuditAction.CREATE, "objection", null, key));
    }

    /** Call inside a transaction. Idempotent: a second objection changes nothing. */
    public Uni<Void> record(String personKey, String source) {
        return objections.recordAndStopOutreach(personKey, source, clock.instant());
    }
}
