package org.anaiss.outreach.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.KnownCase;
import org.anaiss.outreach.domain.Objection;
import org.anaiss.outreach.events.CaseEvent;
import org.anaiss.outreach.repository.KnownCaseRepository;
import org.anaiss.platform.outbox.ProcessedEvents;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps, per case of case-service, the person's key and the latest status, so campaigns skip people
 * who already have an open case; records the objections to outreach that case-service passes on. Idempotent (event id recorded in the same transaction) and
 * order-safe (an older event never overwrites a newer status).
 */
@ApplicationScoped
public class KnownCaseService {

    static final String CONSUMER = "outreach-service/case-events";
    private final Clock clock;
    private final ObjectionService objections;
    private final ProcessedEvents processed;
    private final KnownCaseRepository knownCases;

    public KnownCaseService(Clock clock, ObjectionService objections, ProcessedEvents processed, KnownCaseRepository knownCases) {
        this.clock = clock;
        this.processed = processed;
        this.objections = objections;
        this.knownCases = knownCases;
    }

    /** @return true when applied, false when the event had already been applied */
    @WithTransaction
    public Uni<Boolean> apply(CaseEvent event) {
        return processed.seen(event.id()).chain(done -> {
            if (done) {
                return Uni.createFrom().item(false);
            }
            CaseEvent.Data data = event.data();
            // an objection recorded in case-service (DPO): honoured here like any other
            Uni<Void> effect = event.isObjection() ? objections.record(data.personKey(), Objection.CASE_SERVICE)
                    : data.personKey() == null ? Uni.createFrom().voidItem()
                    // locked: an erasure applied meanwhile (another topic, another thread) unlinks this row; read
                    // unlocked, this event's write would put the erased person's key back (ErasureReachesOutreachIT)
                    : knownCases.findForUpdate(data.caseId()).chain(known -> {
                        if (known == null) {
                            KnownCase created = new KnownCase();
                            created.caseId = data.caseId();
                            created.personKey = data.personKey();
                            created.region = data.region();
                            created.status = data.status();
                            created.updatedAt = data.occurredAt();
                            return knownCases.persist(created).replaceWithVoid();
                        }
                        if (!known.updatedAt.isAfter(data.occurredAt())) {
                            known.status = data.status();
                            known.personKey = data.personKey();
                            known.updatedAt = data.occurredAt();
                        }
                        return Uni.createFrom().voidItem();
                    });
            return effect.chain(() -> processed.record(event.id(), CONSUMER, clock.instant())).replaceWith(true);
        });
    }
}
