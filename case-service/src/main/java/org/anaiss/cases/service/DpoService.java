package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.Person;
import org.anaiss.cases.domain.RightsRequest;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.events.CaseEventData;
import org.anaiss.cases.events.Outbox;
import org.anaiss.cases.events.PersonEventData;
import org.anaiss.cases.repository.ArchivedCaseRepository;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.repository.PersonRepository;
import org.anaiss.cases.repository.RightsRequestRepository;
import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;
import org.anaiss.platform.problem.ProblemException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The data protection officer's tools on a person's request: find the person in any region, export
 * everything held (with outreach-service's part), erase, record an objection to outreach, hold a
 * case for legal reasons, read the archive, and follow each request against its legal deadline.
 * Every read of personal data here is audited like any other.
 */
@ApplicationScoped
public class DpoService {

    private static final Logger LOG = Logger.getLogger(DpoService.class);
    static final String REQUEST_RECORD = "RIGHTS_REQUEST";
    private final PersonRepository persons;
    private final CaseRepository cases;
    private final PersonService personService;
    private final DossierService dossiers;
    private final FieldCipher cipher;
    private final NirHasher hasher;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final OutreachDpoClient outreach;
    private final ObjectMapper json;
    private final CaseConfig config;
    private final Clock clock;
    private final RightsRequestRepository rightsRequests;
    private final ArchivedCaseRepository archives;
    // announces erasures to the other services (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    ErasurePropagation erasures;

    public DpoService(PersonRepository persons, CaseRepository cases, PersonService personService, DossierService dossiers,
            FieldCipher cipher, NirHasher hasher, AuditTrail audit, Outbox outbox, @RestClient OutreachDpoClient outreach,
            ObjectMapper json, CaseConfig config, Clock clock, RightsRequestRepository rightsRequests,
            ArchivedCaseRepository archives) {
        this.rightsRequests = rightsRequests;
        this.archives = archives;
        this.persons = persons;
        this.cases = cases;
        this.personService = personService;
        this.dossiers = dossiers;
        this.cipher = cipher;
        this.hasher = hasher;
        this.audit = audit;
        this.outbox = outbox;
        this.outreach = outreach;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** The DPO answers for every regional fund: the search spans all regions. */
    @WithTransaction
    public Uni<List<PersonDetails>> search(Caller dpo, PersonSearch request) {
        Uni<List<Person>> found;
        if (request.nir() != null) {
            found = persons.withNirHash(hasher.hash(Nir.normalize(request.nir())));
        } else {
            found = persons.searchAllRegions(Names.normalize(request.lastName()), request.birthDate());
        }
        return found.call(list -> audit.record(dpo, list.stream()
                .map(p -> new AuditEntry(AuditAction.SEARCH, PersonService.RECORD, p.id, null, p.id)).toList()))
                .map(list -> list.stream().map(personService::details).toList());
    }

    /** Everything held on a person; outreach-service's part asked with the DPO's token. */
    public Uni<PersonHoldings> export(Caller dpo, UUID personId) {
        return Panache.withTransaction(() -> localExport(dpo, personId)).chain(local -> {
            if (local.person().nir() == null) {
                return Uni.createFrom().item(withOutreach(local, null, "NOT_ASKED: the person has no NIR recorded"));
            }
            return outreach.export(new OutreachDpoClient.ExportRequest(local.person().nir()))
                    .ifNoItem().after(java.time.Duration.ofSeconds(10)).fail()
                    .map(node -> withOutreach(local, node, "INCLUDED"))
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("outreach-service's part of an export failed: %s", e.getClass().getSimpleName());
                        return withOutreach(local, null, "UNAVAILABLE: ask again later; case-service's part is complete");
                    });
        });
    }

    private static PersonHoldings withOutreach(PersonHoldings local, JsonNode outreach, String status) {
        return new PersonHoldings(local.generatedAt(), local.person(), local.cases(), local.rightsRequests(), outreach, status);
    }

    /** case-service's part; runs inside the caller's transaction. */
    private Uni<PersonHoldings> localExport(Caller dpo, UUID personId) {
        return persons.findById(personId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Person " + personId))
                .chain(person -> cases.findForPerson(personId).chain(list -> {
                    List<Dossier> dossierList = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SupportCase c : list) {
                        c.person = person;
                        chain = chain.chain(() -> dossiers.dossier(c).invoke(dossierList::add).replaceWithVoid());
                    }
                    return chain.chain(() -> rightsRequests.forPerson(personId))
                            .call(() -> audit.record(dpo, AuditAction.EXPORT, PersonService.RECORD, personId, null, personId))
                            .map(requests -> new PersonHoldings(clock.instant(), personService.details(person), dossierList,
                                    requests.stream().map(this::view).toList(), null, null));
                }));
    }

    /**
     * Erasure (GDPR article 17) of the person and all their cases. Refused while a case is under legal
     * hold (article 17.3.e: establishment, exercise or defence of legal claims); the audit trail keeps
     * ids only and stays one year, for the security of processing (article 32).
     */
    @WithTransaction
    public Uni<Void> erase(Caller dpo, UUID personId) {
        return persons.findById(personId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Person " + personId))
                .chain(person -> cases.findForPerson(personId).chain(list -> {
                    if (list.stream().anyMatch(c -> c.legalHold)) {
                        return Uni.createFrom().failure(ProblemException.conflict("legal-hold", "Under legal hold",
                                "A case of this person is under legal hold: lift the hold first, or refuse the request citing GDPR article 17.3(e)."));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (SupportCase c : list) {
                        chain = chain.chain(() -> (c.status == CaseStatus.CLOSED ? Uni.createFrom().voidItem()
                                : outbox.add(CaseEventData.TOPIC, c.id.toString(), CaseEventData.CLOSED, c.id.toString(),
                                        new CaseEventData(c.id, hasher.personKey(person.nirHash), c.region.name(),
                                                CaseStatus.CLOSED.name(), clock.instant()))))
                                .chain(() -> audit.record(dpo, AuditAction.DELETE, CaseService.RECORD, c.id, c.id, personId))
                                .chain(() -> dossiers.deleteCaseContents(c.id));
                    }
                    return chain.chain(() -> audit.record(dpo, AuditAction.DELETE, PersonService.RECORD, personId, null, personId))
                            // outreach-service (and any other holder) learns it through the outbox, in this transaction
                            .chain(() -> erasures.announce(personId, person.nirHash, list.stream().map(c -> c.id).toList(),
                                    org.anaiss.cases.domain.ErasureRequest.Reason.DPO))
                            .chain(() -> persons.deleteById(personId)).replaceWithVoid();
                }));
    }

    /** Objection to outreach: outreach-service learns it by the person's key and never contacts them again. */
    @WithTransaction
    public Uni<Void> objectToOutreach(Caller dpo, UUID personId) {
        return persons.findById(personId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Person " + personId))
                .chain(person -> {
                    if (person.nirHash == null) {
                        return Uni.createFrom().failure(ProblemException.conflict("no-nir", "NIR unknown",
                                "Record the person's NIR first: outreach-service recognises people by it only."));
                    }
                    return outbox.add(CaseEventData.TOPIC, person.id.toString(), PersonEventData.OBJECTED_TO_OUTREACH,
                            person.id.toString(), new PersonEventData(hasher.personKey(person.nirHash), person.region.name(),
                                    clock.instant()))
                            .chain(() -> audit.record(dpo, AuditAction.UPDATE, PersonService.RECORD, personId, null, personId));
                });
    }

    @WithTransaction
    public Uni<Void> legalHold(Caller dpo, UUID caseId, boolean hold) {
        return cases.findById(caseId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Case " + caseId))
                .chain(c -> {
                    c.legalHold = hold;
                    c.updatedAt = clock.instant();
                    return audit.record(dpo, AuditAction.UPDATE, CaseService.RECORD, c.id, c.id, null);
                });
    }

    @WithTransaction
    public Uni<ArchivedContent> archived(Caller dpo, UUID caseId) {
        return archives.findById(caseId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Archived case " + caseId))
                .call(a -> audit.record(dpo, AuditAction.READ, "ARCHIVED_CASE", a.caseId, a.caseId, a.personId))
                .map(a -> {
                    try {
                        return json.readValue(cipher.open(a.contentKeyId, a.contentCiphertext, RetentionService.place(a.caseId)),
                                ArchivedContent.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("unreadable archive", e);
                    }
                });
    }

    // ---------------------------------------------------------------- rights requests

    @WithTransaction
    public Uni<RightsRequestDetails> record(Caller dpo, UUID personId, RightsRequest.Kind kind, RightsRequest.Channel channel,
            Instant receivedAt) {
        RightsRequest r = new RightsRequest();
        r.id = UUID.randomUUID();
        r.personId = personId;
        r.kind = kind;
        r.channel = channel;
        r.receivedAt = receivedAt;
        r.dueAt = receivedAt.atZone(ZoneOffset.UTC).plus(config.retention().rightsDeadline()).toInstant();
        r.status = RightsRequest.Status.OPEN;
        r.recordedBy = dpo.username();
        return rightsRequests.persist(r)
                .call(() -> audit.record(dpo, AuditAction.CREATE, REQUEST_RECORD, r.id, null, r.personId))
                .map(this::view);
    }

    /** {@code status}: ANSWERED or REFUSED; {@code version}: the version read. */
    @WithTransaction
    public Uni<RightsRequestDetails> answer(Caller dpo, UUID id, String status, String note, int version) {
        return rightsRequests.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Request " + id))
                .chain(r -> {
                    if (r.version != version) {
                        return Uni.createFrom().failure(ProblemException.conflict("concurrent-change", "Changed meanwhile",
                                "The request was changed meanwhile; reload it."));
                    }
                    if (r.status != RightsRequest.Status.OPEN) {
                        return Uni.createFrom().failure(ProblemException.conflict("already-answered", "Already answered",
                                "This request was already answered."));
                    }
                    r.status = RightsRequest.Status.valueOf(status);
                    r.answeredAt = clock.instant();
                    r.answerNote = note;
                    return audit.record(dpo, AuditAction.UPDATE, REQUEST_RECORD, r.id, null, r.personId)
                            .chain(() -> rightsRequests.flush()).map(v -> view(r));
                });
    }

    @WithSession
    public Uni<List<RightsRequestDetails>> requests(boolean openOnly) {
        return rightsRequests.listAll(openOnly).map(list -> list.stream().map(this::view).toList());
    }

    RightsRequestDetails view(RightsRequest r) {
        Instant now = clock.instant();
        return new RightsRequestDetails(r.id, r.personId, r.kind.name(), r.channel.name(), r.receivedAt, r.dueAt, r.status.name(),
                r.answeredAt, r.answerNote, r.recordedBy, r.status == RightsRequest.Status.OPEN && r.dueAt.isBefore(now), r.version);
    }

}
