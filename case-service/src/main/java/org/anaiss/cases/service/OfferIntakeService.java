package org.anaiss.cases.service;

import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.Person;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.domain.Theme;
import org.anaiss.cases.events.OfferAcceptedEvent;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.repository.PersonRepository;
import org.anaiss.platform.outbox.ProcessedEvents;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * An offer accepted in outreach-service opens a case here: the person is matched (NIR, then names
 * and birth date) or registered, and the case waits, unassigned and without a team, in the
 * region's queue. Idempotent: the event id is recorded in the same transaction.
 */
@ApplicationScoped
public class OfferIntakeService {

    static final String CONSUMER = "case-service/offer-accepted";
    private final PersonRepository persons;
    private final CaseRepository cases;
    private final PersonService personService;
    private final CaseService caseService;
    private final NirHasher hasher;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final ProcessedEvents processed;
    private final Clock clock;

    public OfferIntakeService(PersonRepository persons, CaseRepository cases, PersonService personService,
            CaseService caseService, NirHasher hasher, FieldCipher cipher, AuditTrail audit, ProcessedEvents processed,
            Clock clock) {
        this.persons = persons;
        this.processed = processed;
        this.cases = cases;
        this.personService = personService;
        this.caseService = caseService;
        this.hasher = hasher;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param traceparent the W3C trace context the event carried (null if none): CaseOpened continues that trace
     * @return the id of the case opened, or null when the event had already been applied
     */
    @WithTransaction
    public Uni<UUID> accept(OfferAcceptedEvent event, String traceparent) {
        return processed.seen(event.id()).chain(done -> {
            if (done) {
                return Uni.createFrom().nullItem();
            }
            Caller system = new Caller("outreach-service", "outreach-service", Set.of("system"), event.data().region(), null,
                    "event-" + event.id().substring(0, Math.min(50, event.id().length())), traceparent);
            return person(system, event.data()).chain(person -> openCase(system, event.data(), person))
                    .call(() -> processed.record(event.id(), CONSUMER, clock.instant()));
        });
    }

    private Uni<Person> person(Caller system, OfferAcceptedEvent.Data data) {
        OfferAcceptedEvent.PersonData p = data.person();
        String nir = Nir.normalize(p.nir());
        byte[] nirHash = hasher.hash(nir);
        PersonIdentity identity = new PersonIdentity(p.lastName(), p.firstName(), p.birthDate(), p.sex(), nir,
                p.addressLine(), p.postalCode(), p.city(), p.phone(), p.email(), p.preferredChannel());
        return persons.findByNirHash(data.region(), nirHash)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : persons.findSameIdentity(data.region(), Names.normalize(p.lastName()),
                                Names.normalize(p.firstName()), p.birthDate()))
                .chain(found -> {
                    if (found != null) {
                        return Uni.createFrom().item(found);
                    }
                    Person created = personService.newPerson(data.region(), identity, nir, nirHash);
                    return persons.persist(created)
                            .call(() -> audit.record(system, AuditAction.CREATE, PersonService.RECORD, created.id, null,
                                    created.id));
                });
    }

    private Uni<UUID> openCase(Caller system, OfferAcceptedEvent.Data data, Person person) {
        Instant now = clock.instant();
        SupportCase c = new SupportCase();
        c.id = UUID.randomUUID();
        c.person = person;
        c.region = data.region();
        c.theme = theme(data.signalType());
        c.origin = Origin.OUTREACH_OFFER;
        c.status = CaseStatus.OPEN;
        c.openedAt = now;
        c.createdAt = now;
        c.updatedAt = now;
        if (data.preferredContactSlot() != null && !data.preferredContactSlot().isBlank()) {
            FieldCipher.Sealed note = cipher.seal("Preferred contact slot: " + data.preferredContactSlot().trim(),
                    CaseService.intakePlace(c.id));
            c.intakeNoteCiphertext = note.ciphertext();
            c.intakeNoteKeyId = note.keyId();
        }
        return cases.persist(c)
                .call(() -> caseService.opened(c, system.traceparent()))
                .call(() -> audit.record(system, AuditAction.CREATE, CaseService.RECORD, c.id, c.id, person.id))
                .replaceWith(c.id);
    }

    static Theme theme(OfferAcceptedEvent.SignalType signal) {
        return switch (signal) {
            case SICK_LEAVE_90_DAYS, WORK_UNFITNESS_RISK -> Theme.JOB_RETENTION;
            case HOSPITAL_DISCHARGE -> Theme.HOSPITAL_DISCHARGE;
            case DISABILITY_PENSION -> Theme.DISABILITY;
            case OTHER -> Theme.OTHER;
        };
    }
}
