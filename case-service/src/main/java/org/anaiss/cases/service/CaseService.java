package org.anaiss.cases.service;

import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.CaseStatusChange;
import org.anaiss.cases.domain.ClosureReason;
import org.anaiss.cases.domain.Origin;
import org.anaiss.cases.domain.Person;
import org.anaiss.cases.domain.StaffMember;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.domain.Theme;
import org.anaiss.cases.events.CaseEventData;
import org.anaiss.cases.events.Outbox;
import org.anaiss.cases.repository.CaseAssignmentRepository;
import org.anaiss.cases.repository.CaseQuery;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.repository.CaseStatusHistoryRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Cases, scoped by the caller's token: a social worker reaches the cases of their team, a team
 * lead those too plus the region's queue of cases not yet given to a team. Anything else is 404,
 * so the existence of a case outside one's scope is not revealed.
 */
@ApplicationScoped
public class CaseService {

    static final String RECORD = "CASE";
    private final CaseRepository cases;
    private final PersonService persons;
    private final FieldCipher cipher;
    private final NirHasher hasher;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Outbox outbox;
    private final Clock clock;
    private final CaseAssignmentRepository assignments;
    private final CaseStatusHistoryRepository history;

    public CaseService(CaseRepository cases, PersonService persons, FieldCipher cipher, NirHasher hasher,
            AuditTrail audit, StaffDirectory staff, Outbox outbox, Clock clock, CaseAssignmentRepository assignments,
            CaseStatusHistoryRepository history) {
        this.cases = cases;
        this.persons = persons;
        this.cipher = cipher;
        this.hasher = hasher;
        this.audit = audit;
        this.staff = staff;
        this.outbox = outbox;
        this.clock = clock;
        this.assignments = assignments;
        this.history = history;
    }

    /** {@code assignedTo}: the caller, a worker of the team (team lead only), or null for the team's queue. */
    @WithTransaction
    public Uni<CaseDetails> open(Caller caller, UUID personId, Theme theme, Origin origin, String assignedTo) {
        requireTeam(caller);
        return persons.load(caller, personId)
                .chain(person -> checkAssignee(caller, assignedTo).replaceWith(person))
                .chain(person -> {
                    Instant now = clock.instant();
                    SupportCase c = new SupportCase();
                    c.id = UUID.randomUUID();
                    c.person = person;
                    c.region = caller.region();
                    c.team = caller.team();
                    c.assignedTo = assignedTo;
                    c.theme = theme;
                    c.origin = origin;
                    c.status = CaseStatus.OPEN;
                    c.openedAt = now;
                    c.createdAt = now;
                    c.updatedAt = now;
                    return cases.persist(c)
                            .call(() -> assignments.record(c.id, c.team, c.assignedTo))
                            .call(() -> opened(c, caller.traceparent()))
                            .call(() -> audit.record(caller, AuditAction.CREATE, RECORD, c.id, c.id, person.id))
                            .call(() -> staff.seen(caller))
                            .map(this::details);
                });
    }

    /** Starts the status history and writes CaseOpened to the outbox; also used when an accepted offer opens a case. */
    Uni<Void> opened(SupportCase c, String traceparent) {
        return history.record(c.id, c.status, null).chain(() -> outbox.add(CaseEventData.TOPIC, c.id.toString(), CaseEventData.OPENED,
                c.id.toString(), new CaseEventData(c.id, hasher.personKey(c.person.nirHash), c.region.name(), c.status.name(),
                        c.openedAt), null, traceparent));
    }

    @WithTransaction
    public Uni<CaseDetails> get(Caller caller, UUID id) {
        return load(caller, id)
                .call(c -> audit.record(caller, AuditAction.READ, RECORD, c.id, c.id, c.person.id))
                .call(() -> staff.seen(caller))
                .map(this::details);
    }

    /** The status history of a case the caller may see, oldest first. */
    @WithTransaction
    public Uni<List<CaseStatusChange>> statusHistory(Caller caller, UUID id) {
        return load(caller, id)
                .call(c -> audit.record(caller, AuditAction.READ, RECORD, c.id, c.id, c.person.id))
                .chain(c -> history.of(c.id));
    }

    @WithTransaction
    public Uni<ListPage<CaseDetails>> list(Caller caller, CaseQuery query) {
        requireTeam(caller);
        return cases.page(caller.region(), caller.team(), caller.isTeamLead(), query).chain(found -> {
            boolean hasNext = found.size() > query.size();
            List<SupportCase> page = hasNext ? found.subList(0, query.size()) : found;
            return audit.record(caller, page.stream()
                    .map(c -> new AuditEntry(AuditAction.LIST, RECORD, c.id, c.id, c.person.id)).toList())
                    .call(() -> staff.seen(caller))
                    .map(v -> new ListPage<>(page.stream().map(this::details).toList(), query.page(), query.size(), hasNext));
        });
    }

    @WithTransaction
    public Uni<CaseDetails> changeStatus(Caller caller, UUID id, CaseStatus to, ClosureReason closureReason) {
        return load(caller, id).chain(c -> {
            CaseStatus from = c.status;
            if (!from.canBecome(to)) {
                return Uni.createFrom().failure(ProblemException.conflict("invalid-transition", "Invalid status change",
                        "A case that is " + from + " cannot become " + to + "; allowed: " + from.next() + "."));
            }
            if ((to == CaseStatus.CLOSED) != (closureReason != null)) {
                return Uni.createFrom().failure(ProblemException.badRequest("closure-reason",
                        "Closure reason", to == CaseStatus.CLOSED ? "Closing a case needs a closureReason."
                                : "A closureReason is only given when closing a case."));
            }
            Instant now = clock.instant();
            c.status = to;
            c.closureReason = closureReason;
            c.closedAt = to == CaseStatus.CLOSED ? now : null;
            c.updatedAt = now;
            String type = to == CaseStatus.CLOSED ? CaseEventData.CLOSED : CaseEventData.STATUS_CHANGED;
            return outbox.add(CaseEventData.TOPIC, c.id.toString(), type, c.id.toString(),
                    new CaseEventData(c.id, hasher.personKey(c.person.nirHash), c.region.name(), to.name(), now), null, caller.traceparent())
                    .call(() -> history.record(c.id, to, c.closureReason))
                    .call(() -> audit.record(caller, AuditAction.STATUS_CHANGE, RECORD, c.id, c.id, c.person.id))
                    .call(cases::flush)
                    .map(v -> details(c));
        });
    }

    /** A team lead gives a case of their team, or of the region's queue, to a worker of their team. */
    @WithTransaction
    public Uni<CaseDetails> assign(Caller caller, UUID id, String assignee) {
        requireLead(caller);
        return load(caller, id)
                .call(c -> checkAssignee(caller, assignee))
                .chain(c -> {
                    c.team = caller.team();
                    c.assignedTo = assignee;
                    c.updatedAt = clock.instant();
                    return assignments.record(c.id, c.team, c.assignedTo)
                            .call(() -> audit.record(caller, AuditAction.ASSIGN, RECORD, c.id, c.id, c.person.id))
                            .call(cases::flush)
                            .map(v -> details(c));
                });
    }

    /** Puts a case back in the team's queue. */
    @WithTransaction
    public Uni<CaseDetails> unassign(Caller caller, UUID id) {
        requireLead(caller);
        return load(caller, id).chain(c -> {
            c.assignedTo = null;
            c.updatedAt = clock.instant();
            return assignments.record(c.id, c.team, null)
                    .call(() -> audit.record(caller, AuditAction.ASSIGN, RECORD, c.id, c.id, c.person.id))
                    .call(cases::flush)
                    .map(v -> details(c));
        });
    }

    @WithTransaction
    public Uni<List<StaffMember>> teamMembers(Caller caller) {
        requireLead(caller);
        return staff.seen(caller).chain(() -> staff.team(caller));
    }

    /** A case the caller may see, with its person, or 404. */
    Uni<SupportCase> load(Caller caller, UUID id) {
        if (!caller.isCaseWorker() || caller.region() == null || caller.team() == null) {
            return Uni.createFrom().failure(ProblemException.notFound("Case " + id));
        }
        return cases.findWithPerson(id).map(c -> {
            if (c == null || !visible(caller, c)) {
                throw ProblemException.notFound("Case " + id);
            }
            return c;
        });
    }

    static boolean visible(Caller caller, SupportCase c) {
        return c.region == caller.region()
                && (Objects.equals(c.team, caller.team()) || (c.team == null && caller.isTeamLead()));
    }

    private Uni<Void> checkAssignee(Caller caller, String assignee) {
        if (assignee == null || assignee.equals(caller.username())) {
            return Uni.createFrom().voidItem();
        }
        if (!caller.isTeamLead()) {
            return Uni.createFrom().failure(ProblemException.forbidden("Only a team lead assigns a case to someone else."));
        }
        return staff.member(assignee).map(m -> {
            if (m == null || m.region != caller.region() || !Objects.equals(m.team, caller.team())) {
                throw ProblemException.badRequest("unknown-assignee", "Unknown assignee",
                        "The assignee is not a social worker of your team in the directory (Keycloak: role social-worker, region and team set).");
            }
            return null;
        }).replaceWithVoid();
    }

    private static void requireTeam(Caller caller) {
        PersonService.requireRegion(caller);
        if (caller.team() == null) {
            throw ProblemException.forbidden("Your account has no team: ask an administrator to set it.");
        }
    }

    private static void requireLead(Caller caller) {
        requireTeam(caller);
        if (!caller.isTeamLead()) {
            throw ProblemException.forbidden("Only a team lead assigns cases.");
        }
    }

    /** The case as read (its person must be loaded), the intake note decrypted. */
    public CaseDetails details(SupportCase c) {
        Person p = c.person;
        return new CaseDetails(c.id, PersonService.brief(p), c.region, c.team, c.assignedTo, c.theme, c.origin, c.status,
                c.closureReason, cipher.openString(c.intakeNoteKeyId, c.intakeNoteCiphertext, intakePlace(c.id)),
                c.openedAt, c.closedAt, c.lastContactAt, c.updatedAt, c.version);
    }

    static String intakePlace(UUID caseId) {
        return "case.intake_note:" + caseId;
    }
}
