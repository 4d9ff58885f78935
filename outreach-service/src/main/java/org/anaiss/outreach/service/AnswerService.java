package org.anaiss.outreach.service;

import org.anaiss.outreach.repository.Times;
import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.Campaign;
import org.anaiss.outreach.domain.Objection;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferResponse;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.events.OfferAcceptedData;
import org.anaiss.outreach.events.Outbox;
import org.anaiss.outreach.repository.ActionSessionRepository;
import org.anaiss.outreach.repository.CampaignRepository;
import org.anaiss.outreach.repository.InvitationRepository;
import org.anaiss.outreach.repository.OfferRepository;
import org.anaiss.outreach.repository.SignalRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Answers to offers: by the person through the link of their message (no account; the token is the
 * key, single use, valid until the deadline), or recorded by the officer of the region. ACCEPTED puts
 * {@code offer-accepted} in the outbox in the same transaction; case-service opens the case.
 * POSTPONED keeps the offer open until the new date (the person may still accept or decline), after
 * which it closes as POSTPONED.
 */
@ApplicationScoped
public class AnswerService {

    static final String NOT_FOUND = "This link";
    private final PersonVault vault;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final ObjectionService objections;
    private final MessageRenderer renderer;
    private final AnswerLinks links;
    private final NirHasher hasher;
    private final OutreachConfig config;
    private final Clock clock;
    private final OfferRepository offers;
    private final CampaignRepository campaigns;
    private final SignalRepository signals;
    private final InvitationRepository invitations;
    private final ActionSessionRepository sessions;

    public AnswerService(PersonVault vault, FieldCipher cipher, Outbox outbox, ObjectionService objections,
            MessageRenderer renderer, AnswerLinks links, NirHasher hasher, OutreachConfig config, Clock clock, AuditTrail audit,
            OfferRepository offers, CampaignRepository campaigns, SignalRepository signals, InvitationRepository invitations,
            ActionSessionRepository sessions) {
        this.audit = audit;
        this.offers = offers;
        this.campaigns = campaigns;
        this.signals = signals;
        this.invitations = invitations;
        this.sessions = sessions;
        this.vault = vault;
        this.cipher = cipher;
        this.outbox = outbox;
        this.objections = objections;
        this.renderer = renderer;
        this.links = links;
        this.hasher = hasher;
        this.config = config;
        this.clock = clock;
    }

    private final AuditTrail audit;

    @WithSession
    public Uni<AnswerDetails> view(String token) {
        return byToken(token).chain(offer -> campaigns.findById(offer.campaignId).chain(campaign -> option(campaign, offer)
                .chain(option -> signals.findById(offer.signalId).map(signal -> {
                    PersonIdentity person = vault.open(signal);
                    String message = renderer.render(renderer.parse(campaign.template), new MessageRenderer.Values(
                            person.firstName(), person.lastName(), campaign.answerDeadline, links.answerUrl(token),
                            option == null ? null : option[0], option == null ? null : option[1]));
                    List<String> choices = offer.status == OfferStatus.SENT ? List.of("ACCEPTED", "DECLINED", "POSTPONED")
                            : List.of("ACCEPTED", "DECLINED");
                    return new AnswerDetails(campaign.subject, message, offer.expiresAt, offer.status.name(), choices,
                            person.firstName(), offer.region.name(), offer.signalType.name());
                }))));
    }

    /** The registration link and sessions of the collective action the offer proposes, or null. */
    private Uni<String[]> option(Campaign campaign, Offer offer) {
        if (campaign.actionId == null) {
            return Uni.createFrom().nullItem();
        }
        return invitations.findOfPerson(campaign.actionId, offer.personKey)
                .chain(inv -> sessions.listStartingAfter(campaign.actionId, clock.instant()).map(upcoming -> new String[] {
                        inv == null ? "" : links.registrationUrl(links.token("invitation", inv.id)),
                        ActionTexts.sessions(upcoming, config.zone()) }));
    }

    @WithTransaction
    public Uni<Offer> answerByLink(String token, OfferResponse response, String slot, LocalDate postponedUntil) {
        return byToken(token).chain(offer -> apply(offer, response, slot, postponedUntil, "LINK"));
    }

    /** "Do not contact me again", from the link: the objection, and every open offer of the person cancelled. */
    @WithTransaction
    public Uni<Void> objectByLink(String token) {
        return byToken(token).chain(offer -> objections.record(offer.personKey, Objection.ANSWER_LINK));
    }

    @WithTransaction
    public Uni<Offer> answerByOfficer(Caller caller, UUID offerId, OfferResponse response, String slot,
            LocalDate postponedUntil, String receivedBy) {
        return offers.findInRegion(offerId, caller.requireRegion()).chain(offer -> {
            if (offer == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Offer " + offerId));
            }
            if (!OfferStatus.ANSWERABLE.contains(offer.status)) {
                return Uni.createFrom().failure(ProblemException.conflict("offer-closed", "Offer closed",
                        "This offer is " + offer.status + "; no answer can be recorded any more."));
            }
            return apply(offer, response, slot, postponedUntil, receivedBy)
                    .call(() -> audit.record(caller, AuditAction.UPDATE, "offer", offer.id, offer.personKey));
        });
    }

    /** The offers of a person (by NIR) in the officer's region, newest first; the search is audited even when it finds nothing. */
    @WithTransaction
    public Uni<List<Offer>> lookup(Caller caller, String nir) {
        String key = hasher.personKeyOf(nir);
        return offers.listOfPersonInRegion(key, caller.requireRegion())
                .call(() -> audit.record(caller, AuditAction.SEARCH, "offer", null, key));
    }

    private Uni<Offer> byToken(String token) {
        String hash = AnswerLinks.hash(token);
        if (hash == null) {
            return Uni.createFrom().failure(ProblemException.notFound(NOT_FOUND));
        }
        Instant now = clock.instant();
        return offers.findByTokenHash(hash).map(offer -> {
            if (offer == null) {
                throw ProblemException.notFound(NOT_FOUND);
            }
            // used and expired links answer alike (nothing tells which), but apart from unknown ones
            if (!OfferStatus.ANSWERABLE.contains(offer.status) || !offer.expiresAt.isAfter(now)) {
                throw ProblemException.linkGone(NOT_FOUND);
            }
            return offer;
        });
    }

    private Uni<Offer> apply(Offer offer, OfferResponse response, String slot, LocalDate postponedUntil, String channel) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, config.zone());
        offer.answerChannel = channel;
        offer.answeredAt = now;
        switch (response) {
            case DECLINED -> {
                offer.status = OfferStatus.DECLINED;
                offer.closedAt = now;
                return Uni.createFrom().item(offer);
            }
            case POSTPONED -> {
                if (offer.status != OfferStatus.SENT) {
                    throw ProblemException.conflict("already-postponed", "Already postponed",
                            "This offer was already postponed once; the answer now is ACCEPTED or DECLINED.");
                }
                if (postponedUntil == null || !postponedUntil.isAfter(today) || postponedUntil.isAfter(today.plusMonths(6))) {
                    throw CampaignService.invalid("postponedUntil", "must be after today and within six months");
                }
                offer.status = OfferStatus.POSTPONED;
                offer.postponedUntil = postponedUntil;
                offer.expiresAt = Times.endOfDay(postponedUntil, config.zone());
                return Uni.createFrom().item(offer);
            }
            case ACCEPTED -> {
                offer.status = OfferStatus.ACCEPTED;
                offer.closedAt = now;
                String cleanSlot = slot == null || slot.isBlank() ? null : slot.trim();
                if (cleanSlot != null) {
                    FieldCipher.Sealed sealed = cipher.seal(cleanSlot, Offer.slotPlace(offer.id));
                    offer.slotCiphertext = sealed.ciphertext();
                    offer.slotKeyId = sealed.keyId();
                }
                return signals.findById(offer.signalId).chain(signal -> {
                    PersonIdentity p = vault.open(signal);
                    OfferAcceptedData data = new OfferAcceptedData(offer.id, offer.region, offer.signalType,
                            new OfferAcceptedData.Person(p.lastName(), p.firstName(), p.birthDate(), p.sex(), p.nir(),
                                    p.addressLine(), p.postalCode(), p.city(), p.phone(), p.email(), p.preferredChannel()),
                            cleanSlot);
                    return outbox.add(OfferAcceptedData.TOPIC, offer.id.toString(), OfferAcceptedData.TYPE, offer.id.toString(), data);
                }).map(x -> offer);
            }
            default -> throw new IllegalStateException("unknown response");
        }
    }
}
