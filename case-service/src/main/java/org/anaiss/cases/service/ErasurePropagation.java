package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.ErasureConfirmation;
import org.anaiss.cases.domain.ErasureRequest;
import org.anaiss.cases.events.ErasureConfirmationEvent;
import org.anaiss.cases.events.Outbox;
import org.anaiss.cases.events.PersonErasureData;
import org.anaiss.cases.repository.ErasureRepository;
import org.anaiss.cases.repository.RightsRequestRepository;
import org.anaiss.platform.crypto.NirHasher;
import org.anaiss.platform.problem.ProblemException;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Carries an erasure decided here to every other service that may hold data on the person, and follows
 * their confirmations for the DPO. The announcement goes through the outbox, in the transaction that
 * erases: a service down at that moment applies it when it is back (its consumer is idempotent).
 */
@ApplicationScoped
public class ErasurePropagation {

    private static final Logger LOG = Logger.getLogger(ErasurePropagation.class);
    /** The services that hold data on people and must confirm an erasure. */
    public static final List<String> SERVICES = List.of("outreach-service");
    private final NirHasher hasher;
    private final Outbox outbox;
    private final CaseConfig config;
    private final Clock clock;
    private final ErasureRepository repository;
    private final RightsRequestRepository rightsRequests;

    public ErasurePropagation(NirHasher hasher, Outbox outbox, CaseConfig config, Clock clock, ErasureRepository repository,
            RightsRequestRepository rightsRequests) {
        this.repository = repository;
        this.rightsRequests = rightsRequests;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Call in the transaction that erases the person. Without a NIR no other service can know the person
     * (they recognise people by its keyed hash only): the erasure is recorded, not announced.
     */
    public Uni<UUID> announce(UUID personId, byte[] nirHash, List<UUID> caseIds, ErasureRequest.Reason reason) {
        ErasureRequest r = new ErasureRequest();
        r.id = UUID.randomUUID();
        r.personId = personId;
        r.reason = reason;
        r.announced = nirHash != null;
        r.decidedAt = clock.instant();
        Uni<Void> event = !r.announced ? Uni.createFrom().voidItem()
                : outbox.add(PersonErasureData.TOPIC, r.id.toString(), PersonErasureData.TYPE, r.id.toString(),
                        new PersonErasureData(r.id, hasher.personKey(nirHash), List.copyOf(caseIds), reason.name(), r.decidedAt),
                        r.id.toString(), null);
        return repository.persist(r).chain(() -> event).replaceWith(r.id);
    }

    /** Records a service's confirmation; a redelivered one, or one for an erasure unknown here, changes nothing. */
    @WithTransaction
    public Uni<Boolean> confirm(ErasureConfirmationEvent.Data data) {
        return repository.findById(data.erasureId()).chain(r -> {
            if (r == null) {
                // purged after its retention, or from another environment: nothing to follow
                LOG.debugf("confirmation of an unknown erasure %s ignored", data.erasureId());
                return Uni.createFrom().item(false);
            }
            return repository.confirm(data.erasureId(), data.service(), data.outcome(), data.rowsErased(), data.erasedAt(),
                    clock.instant());
        });
    }

    @WithSession
    public Uni<List<ErasureView>> forPerson(UUID personId) {
        return repository.forPerson(personId).chain(this::views);
    }

    /** The erasures of the person a rights request is about. */
    @WithSession
    public Uni<List<ErasureView>> forRequest(UUID requestId) {
        return rightsRequests.findById(requestId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Request " + requestId))
                .chain(r -> r.personId == null ? Uni.createFrom().item(List.<ErasureView>of())
                        : repository.forPerson(r.personId).chain(this::views));
    }

    @WithSession
    public Uni<ErasureView> one(UUID erasureId) {
        return repository.findById(erasureId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Erasure " + erasureId))
                .chain(r -> views(List.of(r))).map(list -> list.get(0));
    }

    private Uni<List<ErasureView>> views(List<ErasureRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return repository.confirmations(requests.stream().map(r -> r.id).toList())
                .map(confirmations -> {
                    Map<UUID, Map<String, ErasureConfirmation>> byErasure = confirmations.stream().collect(Collectors.groupingBy(
                            c -> c.erasureId, Collectors.toMap(c -> c.service, c -> c)));
                    List<ErasureView> views = new ArrayList<>();
                    for (ErasureRequest r : requests) {
                        Map<String, ErasureConfirmation> got = byErasure.getOrDefault(r.id, Map.of());
                        List<ErasureView.ServiceConfirmation> services = SERVICES.stream().map(service -> {
                            ErasureConfirmation c = got.get(service);
                            if (c != null) {
                                return new ErasureView.ServiceConfirmation(service, "CONFIRMED", c.outcome, c.rowsErased, c.confirmedAt,
                                        c.receivedAt);
                            }
                            return new ErasureView.ServiceConfirmation(service, r.announced ? "WAITING" : "NOT_ASKED", null, null, null, null);
                        }).toList();
                        views.add(new ErasureView(r.id, r.personId, r.reason.name(), r.decidedAt, r.announced, services,
                                services.stream().noneMatch(s -> "WAITING".equals(s.status()))));
                    }
                    return views;
                });
    }

    /** Follow-up records are kept as long as the audit trail (one year), then go with their confirmations. */
    @Scheduled(cron = "${anaiss.cases.erasures.purge-cron:0 45 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "erasure-purge")
    Uni<Void> purge() {
        Instant before = clock.instant().minus(config.retention().audit());
        return Panache.withTransaction(() -> repository.deleteDecidedBefore(before))
                .onFailure().invoke(e -> LOG.warnf("erasure follow-up purge failed (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
