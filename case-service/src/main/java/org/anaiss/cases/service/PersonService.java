package org.anaiss.cases.service;

import org.anaiss.platform.crypto.Nir;
import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Person;
import org.anaiss.cases.domain.Region;
import org.anaiss.cases.repository.PersonRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Persons of the caller's region: creation with duplicate detection, search, reading, rectification. */
@ApplicationScoped
public class PersonService {

    static final String RECORD = "PERSON";
    private static final int SEARCH_LIMIT = 20;
    private final PersonRepository persons;
    private final FieldCipher cipher;
    private final NirHasher hasher;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Clock clock;

    public PersonService(PersonRepository persons, FieldCipher cipher, NirHasher hasher, AuditTrail audit,
            StaffDirectory staff, Clock clock) {
        this.persons = persons;
        this.cipher = cipher;
        this.hasher = hasher;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<PersonDetails> create(Caller caller, PersonIdentity request) {
        Region region = requireRegion(caller);
        String nir = Nir.normalize(request.nir());
        byte[] nirHash = nir == null ? null : hasher.hash(nir);
        return findDuplicate(region, nirHash, request).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(new ProblemException(409, "duplicate-person", "Person already known",
                        "A person with the same NIR, or the same names and birth date, already exists in your region.",
                        Map.of("existingId", existing.id)));
            }
            Person p = newPerson(region, request, nir, nirHash);
            return persons.persist(p)
                    .call(() -> audit.record(caller, AuditAction.CREATE, RECORD, p.id, null, p.id))
                    .call(() -> staff.seen(caller))
                    .map(this::details);
        });
    }

    @WithTransaction
    public Uni<PersonDetails> get(Caller caller, UUID id) {
        return load(caller, id)
                .call(p -> audit.record(caller, AuditAction.READ, RECORD, p.id, null, p.id))
                .map(this::details);
    }

    /** Rectification: the full identity is replaced; {@code version} guards against lost updates. */
    @WithTransaction
    public Uni<PersonDetails> update(Caller caller, UUID id, PersonIdentity request, int version) {
        return load(caller, id).chain(p -> {
            if (p.version != version) {
                return Uni.createFrom().failure(ProblemException.conflict("concurrent-change", "Changed meanwhile",
                        "The person was changed by someone else meanwhile; reload it and try again."));
            }
            String nir = Nir.normalize(request.nir());
            byte[] nirHash = nir == null ? null : hasher.hash(nir);
            return findDuplicate(p.region, nirHash, request).chain(other -> {
                if (other != null && !other.id.equals(p.id)) {
                    return Uni.createFrom().failure(new ProblemException(409, "duplicate-person", "Person already known",
                            "Another person with the same NIR, or the same names and birth date, exists in your region.",
                            Map.of("existingId", other.id)));
                }
                apply(p, request, nir, nirHash, clock.instant());
                return persons.flush()
                        .call(() -> audit.record(caller, AuditAction.UPDATE, RECORD, p.id, null, p.id))
                        .map(v -> details(p));
            });
        });
    }

    @WithTransaction
    public Uni<List<PersonBrief>> search(Caller caller, PersonSearch request) {
        Region region = requireRegion(caller);
        Uni<List<Person>> found;
        if (request.nir() != null) {
            found = persons.findByNirHash(region, hasher.hash(Nir.normalize(request.nir())))
                    .map(p -> p == null ? List.<Person>of() : List.of(p));
        } else {
            found = persons.search(region, Names.normalize(request.lastName()), Names.normalize(request.firstName()),
                    request.birthDate(), SEARCH_LIMIT);
        }
        return found.call(list -> audit.record(caller, list.stream()
                .map(p -> new AuditEntry(AuditAction.SEARCH, RECORD, p.id, null, p.id)).toList()))
                .call(() -> staff.seen(caller))
                .map(list -> list.stream().map(PersonService::brief).toList());
    }

    /** A person of the caller's region, or 404. Only case workers reach persons at all. */
    Uni<Person> load(Caller caller, UUID id) {
        if (!caller.isCaseWorker() || caller.region() == null) {
            return Uni.createFrom().failure(ProblemException.notFound("Person " + id));
        }
        return persons.findInRegion(id, caller.region())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Person " + id));
    }

    private Uni<Person> findDuplicate(Region region, byte[] nirHash, PersonIdentity request) {
        Uni<Person> byNir = nirHash == null ? Uni.createFrom().nullItem() : persons.findByNirHash(region, nirHash);
        return byNir.chain(p -> p != null ? Uni.createFrom().item(p)
                : persons.findSameIdentity(region, Names.normalize(request.lastName()),
                        Names.normalize(request.firstName()), request.birthDate()));
    }

    Person newPerson(Region region, PersonIdentity request, String nir, byte[] nirHash) {
        Instant now = clock.instant();
        Person p = new Person();
        p.id = UUID.randomUUID();
        p.region = region;
        p.createdAt = now;
        apply(p, request, nir, nirHash, now);
        return p;
    }

    private void apply(Person p, PersonIdentity r, String nir, byte[] nirHash, Instant now) {
        p.lastName = r.lastName().trim();
        p.firstName = r.firstName().trim();
        p.lastNameNorm = Names.normalize(r.lastName());
        p.firstNameNorm = Names.normalize(r.firstName());
        p.birthDate = r.birthDate();
        p.sex = r.sex();
        FieldCipher.Sealed sealed = cipher.seal(nir, place(p.id));
        p.nirCiphertext = sealed == null ? null : sealed.ciphertext();
        p.nirKeyId = sealed == null ? null : sealed.keyId();
        p.nirHash = nirHash;
        p.addressLine = r.addressLine();
        p.postalCode = r.postalCode();
        p.city = r.city();
        p.phone = r.phone();
        p.email = r.email();
        p.preferredChannel = r.preferredChannel();
        p.updatedAt = now;
    }

    static String place(UUID personId) {
        return "person.nir:" + personId;
    }

    /** The person as read, the NIR decrypted. */
    PersonDetails details(Person p) {
        return new PersonDetails(p.id, p.region, p.lastName, p.firstName, p.birthDate, p.sex,
                cipher.openString(p.nirKeyId, p.nirCiphertext, place(p.id)), p.addressLine, p.postalCode, p.city,
                p.phone, p.email, p.preferredChannel, p.createdAt, p.updatedAt, p.version);
    }

    static PersonBrief brief(Person p) {
        return new PersonBrief(p.id, p.lastName, p.firstName, p.birthDate);
    }

    static Region requireRegion(Caller caller) {
        if (!caller.isCaseWorker()) {
            throw ProblemException.forbidden("Only social workers and team leads reach persons.");
        }
        if (caller.region() == null) {
            throw ProblemException.forbidden("Your account has no region: ask an administrator to set it.");
        }
        return caller.region();
    }
}
