package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.CollectiveAction;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.repository.ActionSessionRepository;
import org.anaiss.outreach.repository.CollectiveActionRepository;
import org.anaiss.outreach.repository.InvitationRepository;
import org.anaiss.outreach.repository.RegistrationRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Collective actions of a region: sessions, invitations of signalled people, attendance. Anything of
 * another region is answered 404.
 */
@ApplicationScoped
public class ActionService {

    private final MessageRenderer renderer;
    private final AnswerLinks links;
    private final FieldCipher cipher;
    private final LetterRenderer letters;
    private final OutreachConfig config;
    private final Clock clock;
    private final CollectiveActionRepository actions;
    private final ActionSessionRepository sessions;
    private final RegistrationRepository registrations;
    private final InvitationRepository invitations;

    public ActionService(MessageRenderer renderer, AnswerLinks links, FieldCipher cipher, LetterRenderer letters,
            OutreachConfig config, Clock clock, AuditTrail audit, CollectiveActionRepository actions,
            ActionSessionRepository sessions, RegistrationRepository registrations, InvitationRepository invitations) {
        this.audit = audit;
        this.actions = actions;
        this.sessions = sessions;
        this.registrations = registrations;
        this.invitations = invitations;
        this.renderer = renderer;
        this.links = links;
        this.cipher = cipher;
        this.letters = letters;
        this.config = config;
        this.clock = clock;
    }

    private final AuditTrail audit;

    @WithTransaction
    public Uni<ActionDetails> create(Caller caller, ActionInput request) {
        CollectiveAction a = new CollectiveAction();
        a.id = UUID.randomUUID();
        a.region = caller.requireRegion();
        a.theme = request.theme();
        a.title = request.title().trim();
        a.description = request.description().trim();
        a.targetPublic = request.targetPublic().trim();
        a.createdAt = clock.instant();
        a.createdBy = caller.username();
        List<ActionSession> created = new ArrayList<>();
        for (int i = 0; i < request.sessions().size(); i++) {
            created.add(newSession(a.id, request.sessions().get(i), "sessions[" + i + "]"));
        }
        return actions.persist(a).chain(() -> sessions.persist(created)).chain(() -> view(a));
    }

    @WithTransaction
    public Uni<ActionDetails> addSession(Caller caller, UUID actionId, SessionInput request) {
        return find(caller, actionId).chain(a -> sessions.persist(newSession(a.id, request, "")).chain(() -> view(a)));
    }

    @WithSession
    public Uni<ListPage<ActionDetails>> list(Caller caller, int page, int size) {
        Region region = caller.requireRegion();
        return actions.pageOfRegion(region, page, size).chain(onPage -> actions.countOfRegion(region).chain(total -> {
            Uni<List<ActionDetails>> views = Uni.createFrom().item(new ArrayList<>());
            for (CollectiveAction a : onPage) {
                views = views.chain(list -> view(a).map(v -> {
                    list.add(v);
                    return list;
                }));
            }
            return views.map(list -> new ListPage<>(page, size, total, list));
        }));
    }

    @WithSession
    public Uni<ActionDetails> get(Caller caller, UUID id) {
        return find(caller, id).chain(this::view);
    }

    /** Selects the people to invite now; they are written to by the invitation worker. Returns how many. */
    @WithTransaction
    public Uni<Integer> invite(Caller caller, UUID actionId, InvitationInput request) {
        if (request.windowFrom().isAfter(request.windowTo())) {
            throw CampaignService.invalid("windowTo", "must not be before windowFrom");
        }
        renderer.check("template", request.template(), new MessageRenderer.Values("Camille", "Exemple", null, null,
                links.registrationUrl(MessageRenderer.SAMPLE_TOKEN), MessageRenderer.SAMPLE_SESSIONS),
                links.registrationUrl(MessageRenderer.SAMPLE_TOKEN));
        Instant now = clock.instant();
        return find(caller, actionId).chain(action -> sessions.listByAction(action.id)
                .chain(actionSessions -> {
                    Instant lastEnd = actionSessions.stream().map(ActionSession::endsAt).max(Instant::compareTo).orElse(now);
                    if (!lastEnd.isAfter(now)) {
                        return Uni.createFrom().failure(ProblemException.conflict("action-over", "Action over",
                                "Every session of this action is over; add a session first."));
                    }
                    UUID round = UUID.randomUUID();
                    boolean excludeOpenCases = request.excludeOpenCases() == null || request.excludeOpenCases();
                    return invitations.insertRound(round, action.id, request.channel().name(), request.subject().trim(),
                            request.template(), now)
                            .chain(() -> invitations.insertForRound(round, action.id, request.channel().name(), action.region.name(),
                                    request.signalTypes().stream().map(Enum::name).toList(), request.windowFrom(),
                                    request.windowTo(), !excludeOpenCases, lastEnd, now));
                }));
    }

    /** Who came, once the session has started; the session then counts as held. */
    @WithTransaction
    public Uni<SessionDetails> attendance(Caller caller, UUID sessionId, Set<UUID> attended, Set<UUID> absent) {
        Set<UUID> both = new java.util.HashSet<>(attended);
        both.retainAll(absent);
        if (!both.isEmpty()) {
            throw CampaignService.invalid("attended", "a registration cannot be both attended and absent");
        }
        return sessions.findById(sessionId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Session " + sessionId));
            }
            return find(caller, s.actionId).onFailure().transform(e -> ProblemException.notFound("Session " + sessionId))
                    .chain(a -> {
                        if (s.startsAt.isAfter(clock.instant())) {
                            return Uni.createFrom().failure(ProblemException.conflict("session-not-held-yet", "Not held yet",
                                    "Attendance is recorded once the session has taken place."));
                        }
                        return registrations.listRegistered(s.id)
                                .chain(registered -> {
                                    Map<UUID, Registration> byId = new HashMap<>();
                                    registered.forEach(r -> byId.put(r.id, r));
                                    for (UUID id : attended) {
                                        if (!byId.containsKey(id)) {
                                            return Uni.createFrom().failure(CampaignService.invalid("attended",
                                                    "must list registrations of this session only"));
                                        }
                                        byId.get(id).attended = true;
                                    }
                                    for (UUID id : absent) {
                                        if (!byId.containsKey(id)) {
                                            return Uni.createFrom().failure(CampaignService.invalid("absent",
                                                    "must list registrations of this session only"));
                                        }
                                        byId.get(id).attended = false;
                                    }
                                    s.held = true;
                                    s.attendanceRecordedAt = clock.instant();
                                    List<AuditTrail.Entry> marked = new ArrayList<>();
                                    byId.values().stream().filter(r -> r.attended != null).forEach(r -> marked.add(
                                            new AuditTrail.Entry(AuditAction.UPDATE, "attendance", r.id, r.personKey)));
                                    return Panache.flush().call(() -> audit.record(caller, marked)).chain(() -> sessionView(s));
                                });
                    });
        });
    }

    /** The merged letters of an action's LETTER invitations, for the mail room: each letter audited. */
    @WithTransaction
    public Uni<byte[]> invitationLetters(Caller caller, UUID actionId) {
        return find(caller, actionId).chain(a -> invitations.listSentLetters(a.id)).call(list -> audit.record(caller, list.stream()
                        .map(i -> new AuditTrail.Entry(AuditAction.DOWNLOAD, "invitation_letter", i.id, i.personKey)).toList()))
                .map(list -> {
                    if (list.isEmpty()) {
                        throw ProblemException.notFound("Invitation letters of action " + actionId);
                    }
                    List<byte[]> pdfs = new ArrayList<>();
                    for (Invitation i : list) {
                        pdfs.add(cipher.open(i.pdfKeyId, i.pdfCiphertext, Invitation.pdfPlace(i.id)));
                    }
                    return letters.merge(pdfs);
                });
    }

    /** The calendar entry of a session (no personal data), for staff. */
    @WithSession
    public Uni<String> calendar(Caller caller, UUID sessionId) {
        return sessions.findById(sessionId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Session " + sessionId));
            }
            return find(caller, s.actionId).onFailure().transform(e -> ProblemException.notFound("Session " + sessionId))
                    .map(a -> Calendar.of(a, s, clock.instant()));
        });
    }

    Uni<CollectiveAction> find(Caller caller, UUID id) {
        return actions.findInRegion(id, caller.requireRegion()).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("Collective action " + id);
            }
            return a;
        });
    }

    private ActionSession newSession(UUID actionId, SessionInput r, String prefix) {
        String field = prefix.isEmpty() ? "" : prefix + ".";
        if (!r.startsAt().isAfter(clock.instant()) || r.startsAt().isAfter(clock.instant().plus(java.time.Duration.ofDays(730)))) {
            throw CampaignService.invalid(field + "startsAt", "must be in the future, within two years");
        }
        if ((r.place() == null || r.place().isBlank()) && (r.videoUrl() == null || r.videoUrl().isBlank())) {
            throw CampaignService.invalid(field + "place", "a place or a videoUrl is needed");
        }
        ActionSession s = new ActionSession();
        s.id = UUID.randomUUID();
        s.actionId = actionId;
        s.startsAt = r.startsAt();
        s.durationMinutes = r.durationMinutes();
        s.place = r.place() == null || r.place().isBlank() ? null : r.place().trim();
        s.videoUrl = r.videoUrl() == null || r.videoUrl().isBlank() ? null : r.videoUrl().trim();
        s.capacity = r.capacity();
        return s;
    }

    private Uni<ActionDetails> view(CollectiveAction a) {
        return sessions.listByAction(a.id).chain(actionSessions -> {
            Uni<List<SessionDetails>> views = Uni.createFrom().item(new ArrayList<>());
            for (ActionSession s : actionSessions) {
                views = views.chain(list -> sessionView(s).map(v -> {
                    list.add(v);
                    return list;
                }));
            }
            return views.map(list -> new ActionDetails(a.id, a.region, a.theme, a.title, a.description, a.targetPublic, a.createdAt, list));
        });
    }

    private Uni<SessionDetails> sessionView(ActionSession s) {
        // seats_taken is maintained by SQL: read it fresh
        return sessions.seatsTaken(s.id)
                .chain(taken -> registrations.countWaiting(s.id)
                        .map(waiting -> new SessionDetails(s.id, s.startsAt, s.durationMinutes, s.place, s.videoUrl, s.capacity,
                                taken, waiting, s.held)));
    }
}
