package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.CollectiveAction;
import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.domain.RegistrationStatus;
import org.anaiss.outreach.repository.ActionSessionRepository;
import org.anaiss.outreach.repository.CollectiveActionRepository;
import org.anaiss.outreach.repository.InvitationRepository;
import org.anaiss.outreach.repository.RegistrationRepository;
import org.anaiss.outreach.repository.SignalRepository;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.problem.SqlStates;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Registrations to sessions, by the person's link or by staff, with a waiting list.
 *
 * <p>Seats are taken in the database: {@code update action_session set seats_taken = seats_taken + 1
 * where id = ? and seats_taken < capacity}. The row lock serialises concurrent registrations on a
 * session, so of two people asking for the last seat exactly one gets it; the other is put on the
 * waiting list. A cancellation locks the session row, gives the seat to the first person waiting
 * (and writes to them) or frees it.
 */
@ApplicationScoped
public class RegistrationService {

    static final String NOT_FOUND = "This link";
    private final FieldCipher cipher;
    private final PersonVault vault;
    private final AnswerLinks links;
    private final MailQueue mails;
    private final NirHasher hasher;
    private final ObjectMapper json;
    private final OutreachConfig config;
    private final Clock clock;
    private final RegistrationRepository registrations;
    private final ActionSessionRepository sessions;
    private final CollectiveActionRepository actions;
    private final InvitationRepository invitations;
    private final SignalRepository signals;

    public RegistrationService(FieldCipher cipher, PersonVault vault, AnswerLinks links, MailQueue mails, NirHasher hasher,
            ObjectMapper json, OutreachConfig config, Clock clock, AuditTrail audit, RegistrationRepository registrations,
            ActionSessionRepository sessions, CollectiveActionRepository actions, InvitationRepository invitations,
            SignalRepository signals) {
        this.audit = audit;
        this.registrations = registrations;
        this.sessions = sessions;
        this.actions = actions;
        this.invitations = invitations;
        this.signals = signals;
        this.cipher = cipher;
        this.vault = vault;
        this.links = links;
        this.mails = mails;
        this.hasher = hasher;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    private final AuditTrail audit;

    // ------------------------------------------------------------------ by staff

    /** A social worker or an officer registers a person to a session of their region. */
    public Uni<RegistrationDetails> registerByStaff(Caller caller, UUID sessionId, String nir, Attendee attendee, String source) {
        return Panache.withTransaction(() -> sessionInRegion(caller, sessionId).chain(pair -> {
            if (!pair.session().startsAt.isAfter(clock.instant())) {
                return Uni.createFrom().failure(ProblemException.conflict("session-started", "Session started",
                        "This session has already started; registrations are closed."));
            }
            return register(pair.action(), pair.session(), hasher.personKeyOf(nir), attendee, source, null)
                    .call(r -> audit.record(caller, AuditAction.CREATE, "registration", r.id, r.personKey));
        })).onFailure(SqlStates::isUniqueViolation).transform(e -> alreadyRegistered())
                .map(r -> new RegistrationDetails(r.id, r.sessionId, r.status, r.source, r.attended, null, null));
    }

    public Uni<RegistrationDetails> cancelByStaff(Caller caller, UUID sessionId, UUID registrationId) {
        return Panache.withTransaction(() -> sessionInRegion(caller, sessionId).chain(pair -> registrations
                .findInSession(registrationId, sessionId).chain(r -> {
                    if (r == null || r.status == RegistrationStatus.CANCELLED) {
                        return Uni.createFrom().failure(ProblemException.notFound("Registration " + registrationId));
                    }
                    return cancel(pair.action(), pair.session(), r)
                            .call(c -> audit.record(caller, AuditAction.UPDATE, "registration", c.id, c.personKey));
                }))).map(r -> new RegistrationDetails(r.id, r.sessionId, r.status, r.source, r.attended, null, null));
    }

    /** The registrations of a session, with names, for the officer's attendance sheet; each one listed is audited. */
    public Uni<List<RegistrationDetails>> list(Caller caller, UUID sessionId) {
        return Panache.withTransaction(() -> sessionInRegion(caller, sessionId).chain(pair -> registrations.listActiveInSession(sessionId)
                .call(list -> audit.record(caller, list.stream()
                        .map(r -> new AuditTrail.Entry(AuditAction.LIST, "registration", r.id, r.personKey)).toList()))
                .map(list -> {
                    List<RegistrationDetails> views = new ArrayList<>();
                    for (Registration r : list) {
                        Attendee a = open(r);
                        views.add(new RegistrationDetails(r.id, r.sessionId, r.status, r.source, r.attended, a.lastName(), a.firstName()));
                    }
                    return views;
                })));
    }

    // ------------------------------------------------------------------ by the person's link

    public Uni<RegistrationLinkDetails> view(String token) {
        return Panache.withSession(() -> resolve(token).chain(link -> actions.findById(link.actionId())
                .chain(action -> sessions.listByAction(action.id)
                        .chain(actionSessions -> mine(link).map(mine -> {
                            Instant now = clock.instant();
                            List<RegistrationLinkDetails.Session> open = actionSessions.stream().filter(s -> s.startsAt.isAfter(now))
                                    .map(s -> new RegistrationLinkDetails.Session(s.id, s.startsAt, s.durationMinutes, s.place, s.videoUrl,
                                            Math.max(0, s.capacity - s.seatsTaken)))
                                    .toList();
                            return new RegistrationLinkDetails(action.title, action.theme, action.description, open,
                                    mine == null ? null : new RegistrationLinkDetails.Mine(mine.sessionId, mine.status));
                        })))));
    }

    /** The person registers through their invitation link (once: a second registration is refused while one is active). */
    public Uni<RegistrationLinkDetails.Mine> registerByLink(String token, UUID sessionId) {
        return Panache.withTransaction(() -> resolve(token).chain(link -> {
            if (link.invitation() == null) {
                return Uni.createFrom().<Registration>failure(ProblemException.conflict("already-registered", "Already registered",
                        "This link is the one of a registration; it can cancel it or give the calendar entry."));
            }
            Invitation inv = link.invitation();
            return registrations.countActive(inv.actionId, inv.personKey).chain(active -> {
                        if (active > 0) {
                            return Uni.createFrom().<ActionSession>failure(alreadyRegistered());
                        }
                        return sessions.findInAction(sessionId, inv.actionId);
                    }).chain(session -> {
                        if (session == null || !session.startsAt.isAfter(clock.instant())) {
                            return Uni.createFrom().<Registration>failure(
                                    CampaignService.invalid("sessionId", "must be an upcoming session of this action"));
                        }
                        return actions.findById(inv.actionId).chain(action -> signals.findById(inv.signalId)
                                .chain(signal -> {
                                    PersonIdentity p = vault.open(signal);
                                    return register(action, session, inv.personKey,
                                            new Attendee(p.lastName(), p.firstName(), p.email(), p.phone()), Registration.LINK, inv.id);
                                }));
                    });
        })).onFailure(SqlStates::isUniqueViolation).transform(e -> alreadyRegistered())
                .map(r -> new RegistrationLinkDetails.Mine(r.sessionId, r.status));
    }

    public Uni<RegistrationLinkDetails.Mine> cancelByLink(String token) {
        return Panache.withTransaction(() -> resolve(token).chain(link -> mine(link).chain(r -> {
            if (r == null) {
                return Uni.createFrom().failure(ProblemException.notFound(NOT_FOUND));
            }
            return sessions.findById(r.sessionId).chain(session -> actions.findById(r.actionId)
                    .chain(action -> cancel(action, session, r)));
        }))).map(r -> new RegistrationLinkDetails.Mine(r.sessionId, r.status));
    }

    /** The calendar entry of the person's registered session. */
    public Uni<String> calendarByLink(String token) {
        return Panache.withSession(() -> resolve(token).chain(link -> mine(link).chain(r -> {
            if (r == null || r.status != RegistrationStatus.REGISTERED) {
                return Uni.createFrom().failure(ProblemException.notFound("A registered session"));
            }
            return sessions.findById(r.sessionId).chain(session -> actions.findById(r.actionId)
                    .map(action -> Calendar.of(action, session, clock.instant())));
        })));
    }

    // ------------------------------------------------------------------ shared

    record Pair(CollectiveAction action, ActionSession session) {
    }

    /** An invitation or a registration, from a link token; unknown ones answer 404, cancelled and expired ones 404 with "gone". */
    record Link(UUID actionId, Invitation invitation, Registration registration) {
    }

    private Uni<Link> resolve(String token) {
        String hash = AnswerLinks.hash(token);
        if (hash == null) {
            return Uni.createFrom().failure(ProblemException.notFound(NOT_FOUND));
        }
        Instant now = clock.instant();
        return invitations.findByTokenHash(hash).chain(inv -> {
            if (inv != null) {
                if (!"SENT".equals(inv.status) || !inv.expiresAt.isAfter(now)) {
                    return Uni.createFrom().failure(ProblemException.linkGone(NOT_FOUND));
                }
                return Uni.createFrom().item(new Link(inv.actionId, inv, null));
            }
            return registrations.findByTokenHash(hash).chain(r -> {
                if (r == null) {
                    return Uni.createFrom().failure(ProblemException.notFound(NOT_FOUND));
                }
                if (r.status == RegistrationStatus.CANCELLED) {
                    return Uni.createFrom().failure(ProblemException.linkGone(NOT_FOUND));
                }
                return sessions.findById(r.sessionId).map(s -> {
                    if (s == null || !s.endsAt().isAfter(now)) {
                        throw ProblemException.linkGone(NOT_FOUND);
                    }
                    return new Link(r.actionId, null, r);
                });
            });
        });
    }

    /** The person's active registration reached by the link, or null. */
    private Uni<Registration> mine(Link link) {
        if (link.registration() != null) {
            return Uni.createFrom().item(link.registration());
        }
        return registrations.findLatestActive(link.actionId(), link.invitation().personKey);
    }

    private Uni<Pair> sessionInRegion(Caller caller, UUID sessionId) {
        return sessions.findById(sessionId).chain(s -> {
            if (s == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Session " + sessionId));
            }
            return actions.findInRegion(s.actionId, caller.requireRegion())
                    .map(a -> {
                        if (a == null) {
                            throw ProblemException.notFound("Session " + sessionId);
                        }
                        return new Pair(a, s);
                    });
        });
    }

    /** Takes a seat if one is left, else a place on the waiting list; writes to the person. Inside a transaction. */
    private Uni<Registration> register(CollectiveAction action, ActionSession session, String personKey, Attendee attendee,
            String source, UUID invitationId) {
        Instant now = clock.instant();
        return sessions.takeSeat(session.id)
                .chain(taken -> {
                    Registration r = new Registration();
                    r.id = UUID.randomUUID();
                    r.sessionId = session.id;
                    r.actionId = action.id;
                    r.invitationId = invitationId;
                    r.personKey = personKey;
                    seal(r, attendee);
                    r.status = taken == 1 ? RegistrationStatus.REGISTERED : RegistrationStatus.WAITING;
                    r.source = source;
                    r.tokenHash = AnswerLinks.hash(links.token("registration", r.id));
                    r.createdAt = now;
                    return registrations.persistAndFlush(r).replaceWith(r);
                })
                .call(r -> !attendee.hasEmail() ? Uni.createFrom().voidItem()
                        : mails.enqueue("registration:" + r.id, attendee.email(), "Votre inscription : " + action.title,
                                r.status == RegistrationStatus.REGISTERED
                                        ? ActionTexts.registered(attendee, action, session, config.zone(), manageUrl(r))
                                        : ActionTexts.waiting(attendee, action, session, config.zone(), manageUrl(r)),
                                now));
    }

    /** Cancels; a freed seat goes to the first person waiting, who is told. Inside a transaction. */
    private Uni<Registration> cancel(CollectiveAction action, ActionSession session, Registration r) {
        Instant now = clock.instant();
        if (!session.startsAt.isAfter(now)) {
            return Uni.createFrom().failure(ProblemException.conflict("session-started", "Session started",
                    "This session has already started; the registration can no longer be cancelled."));
        }
        boolean heldSeat = r.status == RegistrationStatus.REGISTERED;
        return sessions.lockForUpdate(session.id)
                .chain(() -> {
                    r.status = RegistrationStatus.CANCELLED;
                    r.cancelledAt = now;
                    if (!heldSeat) {
                        return Uni.createFrom().item(r);
                    }
                    return registrations.findFirstWaiting(session.id).chain(next -> {
                                if (next == null) {
                                    return sessions.freeSeat(session.id).replaceWith(r);
                                }
                                next.status = RegistrationStatus.REGISTERED;
                                next.promotedAt = now;
                                Attendee a = open(next);
                                Uni<Integer> told = !a.hasEmail() ? Uni.createFrom().item(0)
                                        : mails.enqueue("promotion:" + next.id, a.email(), "Une place pour vous : " + action.title,
                                                ActionTexts.promoted(a, action, session, config.zone(), manageUrl(next)), now);
                                return told.replaceWith(r);
                            });
                });
    }

    String manageUrl(Registration r) {
        return links.registrationUrl(links.token("registration", r.id));
    }

    private void seal(Registration r, Attendee attendee) {
        try {
            FieldCipher.Sealed sealed = cipher.seal(json.writeValueAsBytes(attendee), Registration.place(r.id));
            r.personCiphertext = sealed.ciphertext();
            r.personKeyId = sealed.keyId();
            r.hasEmail = attendee.hasEmail();
        } catch (IOException e) {
            throw new IllegalStateException("attendee not serialisable", e);
        }
    }

    Attendee open(Registration r) {
        try {
            return json.readValue(cipher.open(r.personKeyId, r.personCiphertext, Registration.place(r.id)), Attendee.class);
        } catch (IOException e) {
            throw new IllegalStateException("attendee unreadable for a registration", e);
        }
    }

    private static ProblemException alreadyRegistered() {
        return ProblemException.conflict("already-registered", "Already registered",
                "This person is already registered (or waiting) for this action; cancel that registration first.");
    }
}
