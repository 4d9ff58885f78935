package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.Campaign;
import org.anaiss.outreach.domain.CampaignStatus;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.repository.ActionSessionRepository;
import org.anaiss.outreach.repository.CampaignRepository;
import org.anaiss.outreach.repository.LetterRepository;
import org.anaiss.outreach.repository.OfferRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Campaigns of offers, scoped to the officer's region: anything of another region is answered 404, as
 * if it did not exist. The launch itself runs in the background ({@link LaunchWorker}).
 */
@ApplicationScoped
public class CampaignService {

    private final MessageRenderer renderer;
    private final AnswerLinks links;
    private final FieldCipher cipher;
    private final OutreachConfig config;
    private final Clock clock;
    private final CampaignRepository campaigns;
    private final OfferRepository offers;
    private final LetterRepository letters;
    private final ActionSessionRepository sessions;

    public CampaignService(MessageRenderer renderer, AnswerLinks links, FieldCipher cipher, OutreachConfig config,
            Clock clock, AuditTrail audit, CampaignRepository campaigns, OfferRepository offers, LetterRepository letters,
            ActionSessionRepository sessions) {
        this.audit = audit;
        this.renderer = renderer;
        this.links = links;
        this.cipher = cipher;
        this.campaigns = campaigns;
        this.offers = offers;
        this.letters = letters;
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    private final AuditTrail audit;

    @WithTransaction
    public Uni<Campaign> create(Caller caller, CampaignInput request) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), config.zone());
        if (request.windowFrom().isAfter(request.windowTo())) {
            throw invalid("windowTo", "must not be before windowFrom");
        }
        if (!request.answerDeadline().isAfter(today) || request.answerDeadline().isAfter(today.plusYears(1))) {
            throw invalid("answerDeadline", "must be after today and within one year");
        }
        renderer.check("template", request.template(), MessageRenderer.sample(request.answerDeadline(), links.answerUrl(""),
                request.actionId() == null ? null : links.registrationUrl("")), links.answerUrl(MessageRenderer.SAMPLE_TOKEN));
        Region region = caller.requireRegion();
        Uni<Void> actionChecked = request.actionId() == null ? Uni.createFrom().voidItem()
                : sessions.countUpcomingInRegion(request.actionId(), clock.instant(), region).map(n -> {
                            if (n == 0) {
                                throw invalid("actionId", "must be a collective action of your region with an upcoming session");
                            }
                            return null;
                        });
        return actionChecked.chain(() -> persistNew(caller, region, request));
    }

    private Uni<Campaign> persistNew(Caller caller, Region region, CampaignInput request) {
        Campaign c = new Campaign();
        c.id = UUID.randomUUID();
        c.region = region;
        c.actionId = request.actionId();
        c.name = request.name().trim();
        c.signalTypes = Campaign.joinTypes(java.util.Set.copyOf(request.signalTypes()));
        c.windowFrom = request.windowFrom();
        c.windowTo = request.windowTo();
        c.channel = request.channel();
        c.subject = request.subject().trim();
        c.template = request.template();
        c.answerDeadline = request.answerDeadline();
        c.status = CampaignStatus.DRAFT;
        c.createdAt = clock.instant();
        c.createdBy = caller.username();
        return campaigns.persist(c).map(x -> c);
    }

    @WithSession
    public Uni<ListPage<Campaign>> list(Caller caller, int page, int size) {
        Region region = caller.requireRegion();
        return campaigns.pageOfRegion(region, page, size).chain(list -> campaigns.countOfRegion(region)
                .map(total -> new ListPage<>(page, size, total, list)));
    }

    @WithSession
    public Uni<Campaign> get(Caller caller, UUID id) {
        return find(caller, id);
    }

    /** The number of people a launch would reach now, and the message with fake data. */
    @WithSession
    public Uni<CampaignSample> preview(Caller caller, UUID id) {
        return find(caller, id).chain(c -> campaigns.countTargets(c)
                .map(targets -> new CampaignSample(targets, c.subject,
                        renderer.render(renderer.parse(c.template), MessageRenderer.sample(c.answerDeadline, links.answerUrl(""),
                                c.actionId == null ? null : links.registrationUrl(""))))));
    }

    @WithTransaction
    public Uni<Campaign> launch(Caller caller, UUID id) {
        return find(caller, id).map(c -> {
            if (c.status != CampaignStatus.DRAFT) {
                throw ProblemException.conflict("already-launched", "Already launched", "This campaign was already launched.");
            }
            if (!c.answerDeadline.isAfter(LocalDate.ofInstant(clock.instant(), config.zone()))) {
                throw ProblemException.conflict("deadline-passed", "Deadline passed",
                        "The answer deadline of this campaign has passed; create a new campaign.");
            }
            c.status = CampaignStatus.LAUNCHING;
            c.phase = "SELECTING";
            c.launchedAt = clock.instant();
            return c;
        });
    }

    /** One page of a campaign's offers; each offer listed is audited. */
    @WithTransaction
    public Uni<ListPage<Offer>> offers(Caller caller, UUID id, OfferStatus status, int page, int size) {
        return find(caller, id).chain(c -> offers.pageOfCampaign(c.id, status, page, size).call(list -> audit.record(caller, list.stream()
                .map(o -> new AuditTrail.Entry(AuditAction.LIST, "offer", o.id, o.personKey)).toList()))
                .chain(list -> offers.countOfCampaign(c.id, status)
                        .map(total -> new ListPage<>(page, size, total, list))));
    }

    @WithSession
    public Uni<List<LetterBatch>> letterBatches(Caller caller, UUID id) {
        return find(caller, id).chain(c -> letters.listBatches(c.id).map(batches -> {
                    List<LetterBatch> list = new ArrayList<>();
                    for (LetterRepository.Batch b : batches) {
                        list.add(new LetterBatch(b.batchNo(), b.letters(), b.createdAt()));
                    }
                    return list;
                }));
    }

    /** The merged PDF of one batch of letters (names, addresses): one audit record for the batch. */
    @WithTransaction
    public Uni<byte[]> letterBatch(Caller caller, UUID id, int batchNo) {
        return find(caller, id).chain(c -> letters.findBatchPdf(c.id, batchNo).map(pdf -> {
                    if (pdf == null) {
                        throw ProblemException.notFound("Letter batch " + batchNo);
                    }
                    return cipher.open(pdf.keyId(), pdf.ciphertext(), LaunchWorker.batchPlace(c.id, batchNo));
                }).call(() -> audit.record(caller, AuditAction.DOWNLOAD, "letter_batch", c.id, null)));
    }

    /** The letter of one offer. */
    @WithTransaction
    public Uni<byte[]> offerLetter(Caller caller, UUID offerId) {
        return offers.findInRegion(offerId, caller.requireRegion()).chain(o -> {
            if (o == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Offer " + offerId));
            }
            return letters.findOfferLetterPdf(o.id)
                    .map(pdf -> {
                        if (pdf == null) {
                            throw ProblemException.notFound("Letter of offer " + offerId);
                        }
                        return cipher.open(pdf.keyId(), pdf.ciphertext(), LaunchWorker.letterPlace(o.id));
                    }).call(() -> audit.record(caller, AuditAction.DOWNLOAD, "offer_letter", o.id, o.personKey));
        });
    }

    private Uni<Campaign> find(Caller caller, UUID id) {
        return campaigns.findInRegion(id, caller.requireRegion()).map(c -> {
            if (c == null) {
                throw ProblemException.notFound("Campaign " + id);
            }
            return c;
        });
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "invalid-request", "Invalid request", "Some fields are missing or invalid; nothing was changed.",
                java.util.Map.of("violations", List.of(java.util.Map.of("field", field, "message", message))));
    }

}
