package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.IdempotencyRecord;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.domain.Sex;
import org.anaiss.outreach.domain.Signal;
import org.anaiss.outreach.repository.IdempotencyRecordRepository;
import org.anaiss.outreach.repository.OfferRepository;
import org.anaiss.outreach.repository.SignalRepository;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.problem.SqlStates;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Signals from partner systems. Each request carries an Idempotency-Key: the first one stores the
 * signals and the answer in one transaction; a retry with the same body gets that answer back and
 * creates nothing; the same key with another body is refused (409).
 */
@ApplicationScoped
public class SignalService {

    /** The answer to replay: HTTP status and JSON body (ids and statuses only). */
    public record Stored(int status, String body, boolean replayed) {
    }

    private final PersonVault vault;
    private final NirHasher hasher;
    private final Clock clock;

    /** The domain of the keyed fingerprints of partner requests (idempotency), apart from NIR hashes. */
    static final String REQUEST_FINGERPRINT = "anaiss/outreach/request/v1:";
    private final AuditTrail audit;

    private final IdempotencyRecordRepository records;
    private final SignalRepository signals;
    private final OfferRepository offers;

    public SignalService(PersonVault vault, NirHasher hasher, Clock clock, AuditTrail audit, IdempotencyRecordRepository records,
            SignalRepository signals, OfferRepository offers) {
        this.audit = audit;
        this.records = records;
        this.signals = signals;
        this.offers = offers;
        this.vault = vault;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per (partner, key): {@code work} persists the signals (given ready-made) and
     * returns the answer to store.
     */
    public Uni<Stored> once(Caller caller, String partner, String key, byte[] canonicalBody, List<SignalInput> valid,
            Function<List<Signal>, Stored> answer) {
        String id = IdempotencyRecord.id(partner, key);
        String hash = hasher.fingerprint(REQUEST_FINGERPRINT, canonicalBody);
        return Panache.withTransaction(() -> records.findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(replay(existing, hash));
            }
            Instant now = clock.instant();
            List<Signal> created = valid.stream().map(r -> newSignal(partner, r, now)).toList();
            Stored stored = answer.apply(created);
            IdempotencyRecord record = new IdempotencyRecord();
            record.id = id;
            record.partner = partner;
            record.requestHash = hash;
            record.status = stored.status();
            record.response = stored.body();
            record.createdAt = now;
            // the record first: a concurrent twin fails on its key before writing any signal
            return records.persistAndFlush(record).chain(() -> signals.persist(created))
                    .call(() -> audit.record(caller, created.stream()
                            .map(s -> new AuditTrail.Entry(AuditAction.CREATE, "signal", s.id, s.personKey)).toList()))
                    .replaceWith(stored);
        })).onFailure(SqlStates::isUniqueViolation).recoverWithUni(() -> Panache.withSession(
                () -> records.findById(id).map(existing -> {
                    if (existing == null) {
                        throw ProblemException.conflict("concurrent-change", "Changed meanwhile",
                                "The same request is being processed; retry it.");
                    }
                    return replay(existing, hash);
                })));
    }

    private static Stored replay(IdempotencyRecord existing, String hash) {
        if (!existing.requestHash.equals(hash)) {
            throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was already used with a different request; use a new key for a new request.");
        }
        return new Stored(existing.status, existing.response, true);
    }

    private Signal newSignal(String partner, SignalInput request, Instant now) {
        SignalInput.Person p = request.person();
        String nir = Nir.normalize(p.nir());
        PersonIdentity identity = new PersonIdentity(nir, p.lastName().trim(), p.firstName().trim(), p.birthDate(),
                p.sex() != null ? p.sex() : sexFromNir(nir), trim(p.addressLine()), trim(p.postalCode()), trim(p.city()),
                trim(p.phone()), trim(p.email()), p.preferredChannel());
        Signal s = new Signal();
        s.id = UUID.randomUUID();
        s.partner = partner;
        s.personKey = hasher.personKey(hasher.hash(nir));
        FieldCipher.Sealed sealed = vault.seal(s.id, identity);
        s.personCiphertext = sealed.ciphertext();
        s.personKeyId = sealed.keyId();
        s.hasEmail = identity.hasEmail();
        s.hasAddress = identity.hasAddress();
        s.region = p.region();
        s.signalType = request.signalType();
        s.signalDate = request.signalDate();
        s.sourceSystem = request.sendingSystem().trim();
        s.receivedAt = now;
        return s;
    }

    /** First digit of the NIR: 1 and 3, 7 men; 2 and 4, 8 women (provisional numbers included). */
    static Sex sexFromNir(String nir) {
        return switch (nir.charAt(0)) {
            case '1', '3', '7' -> Sex.MALE;
            case '2', '4', '8' -> Sex.FEMALE;
            default -> Sex.UNKNOWN;
        };
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A signal the partner sent, with its coarse status; 404 for any other partner's signal. */
    @WithTransaction
    public Uni<SignalDetails> receipt(Caller caller, String partner, UUID id) {
        return signals.findOfPartner(id, partner).chain(signal -> {
            if (signal == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Signal " + id));
            }
            return offers.findBySignal(id)
                    .call(() -> audit.record(caller, AuditAction.READ, "signal", signal.id, signal.personKey))
                    .map(offer -> receipt(signal, offer));
        });
    }

    @WithTransaction
    public Uni<ListPage<SignalDetails>> receipts(Caller caller, String partner, int page, int size) {
        return signals.pageOfPartner(partner, page, size).call(onPage -> audit.record(caller, onPage.stream()
                .map(s -> new AuditTrail.Entry(AuditAction.LIST, "signal", s.id, s.personKey)).toList()))
                .chain(onPage -> signals.countOfPartner(partner).chain(total -> {
            List<UUID> ids = onPage.stream().map(s -> s.id).toList();
            Uni<List<Offer>> made = ids.isEmpty() ? Uni.createFrom().item(List.of()) : offers.listBySignals(ids);
            return made.map(list -> {
                Map<UUID, Offer> bySignal = list.stream().collect(Collectors.toMap(o -> o.signalId, o -> o));
                List<SignalDetails> items = new ArrayList<>();
                onPage.forEach(s -> items.add(receipt(s, bySignal.get(s.id))));
                return new ListPage<>(page, size, total, items);
            });
        }));
    }

    static SignalDetails receipt(Signal s, Offer offer) {
        String status;
        if (offer == null || offer.status == OfferStatus.PENDING) {
            status = SignalDetails.RECEIVED;
        } else if (OfferStatus.ANSWERABLE.contains(offer.status)) {
            status = SignalDetails.OFFER_SENT;
        } else {
            status = SignalDetails.CLOSED;
        }
        return new SignalDetails(s.id, s.signalType, s.signalDate, s.receivedAt, status);
    }
}
