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
import org.anaiss.outreach.domain.ActionSession;
import org.anaiss.outreach.domain.Campaign;
import org.anaiss.outreach.domain.CampaignStatus;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.repository.OfferTargets;
import org.anaiss.outreach.rest.api.CampaignPreview;
import org.anaiss.outreach.rest.api.CampaignRequest;
import org.anaiss.outreach.rest.api.CampaignView;
import org.anaiss.outreach.rest.api.LetterBatchView;
import org.anaiss.outreach.rest.api.OfferView;
import org.anaiss.outreach.rest.api.Page;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Campaigns of offers, scoped to the officer's region: anything of another region is answered 404, as
 * if it did not exist. The launch itself runs in the background ({@link LaunchWorker}).
 */
@ApplicationScoped
public class CampaignService {

    private final MessageRenderer renderer;
    private final AnswerLinks links;
    private final FieldCipher cipher;
    private final Pool pool;
    private final OutreachConfig config;
    private final Clock clock;

    public CampaignService(MessageRenderer renderer, AnswerLinks links, FieldCipher cipher, Pool pool, OutreachConfig config,
            Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.renderer = renderer;
        this.links = links;
        this.cipher = cipher;
        this.pool = pool;
        this.config = config;
        this.clock = clock;
    }

    private final AuditTrail audit;

    @WithTransaction
    public Uni<CampaignView> create(Caller caller, CampaignRequest request) {
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
                : ActionSession.count("actionId = ?1 and startsAt > ?2 and actionId in (select a.id from CollectiveAction a "
                        + "where a.region = ?3)", request.actionId(), clock.instant(), region).map(n -> {
                            if (n == 0) {
                                throw invalid("actionId", "must be a collective action of your region with an upcoming session");
                            }
                            return null;
                        });
        return actionChecked.chain(() -> persistNew(caller, region, request));
    }

    private Uni<CampaignView> persistNew(Caller caller, Region region, CampaignRequest request) {
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
        return c.persist().map(x -> CampaignView.of(c));
    }

    @WithSession
    public Uni<Page<CampaignView>> list(Caller caller, int page, int size) {
        var query = Campaign.<Campaign>find("region = ?1 order by createdAt desc, id", caller.requireRegion()).page(page, size);
        return query.list().chain(list -> query.count()
                .map(total -> new Page<>(page, size, total, list.stream().map(CampaignView::of).toList())));
    }

    @WithSession
    public Uni<CampaignView> get(Caller caller, UUID id) {
        return find(caller, id).map(CampaignView::of);
    }

    /** The number of people a launch would reach now, and the message with fake data. */
    @WithSession
    public Uni<CampaignPreview> preview(Caller caller, UUID id) {
        return find(caller, id).chain(c -> pool.preparedQuery(OfferTargets.COUNT).execute(OfferTargets.countArgs(c))
                .map(rows -> new CampaignPreview(rows.iterator().next().getLong(0), c.subject,
                        renderer.render(renderer.parse(c.template), MessageRenderer.sample(c.answerDeadline, links.answerUrl(""),
                                c.actionId == null ? null : links.registrationUrl(""))))));
    }

    @WithTransaction
    public Uni<CampaignView> launch(Caller caller, UUID id) {
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
            return CampaignView.of(c);
        });
    }

    /** One page of a campaign's offers; each offer listed is audited. */
    @WithTransaction
    public Uni<Page<OfferView>> offers(Caller caller, UUID id, OfferStatus status, int page, int size) {
        return find(caller, id).chain(c -> {
            var query = status == null ? Offer.<Offer>find("campaignId = ?1 order by id", c.id).page(page, size)
                    : Offer.<Offer>find("campaignId = ?1 and status = ?2 order by id", c.id, status).page(page, size);
            return query.list().call(list -> audit.record(caller, list.stream()
                    .map(o -> new AuditTrail.Entry(AuditAction.LIST, "offer", o.id, o.personKey)).toList()))
                    .chain(list -> query.count()
                    .map(total -> new Page<>(page, size, total, list.stream().map(OfferView::of).toList())));
        });
    }

    @WithSession
    public Uni<List<LetterBatchView>> letterBatches(Caller caller, UUID id) {
        return find(caller, id).chain(c -> pool.preparedQuery("select batch_no, letters, created_at from letter_batch "
                + "where campaign_id = $1 order by batch_no").execute(Tuple.of(c.id)).map(rows -> {
                    List<LetterBatchView> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new LetterBatchView(r.getInteger("batch_no"), r.getInteger("letters"),
                                r.getOffsetDateTime("created_at").toInstant()));
                    }
                    return list;
                }));
    }

    /** The merged PDF of one batch of letters (names, addresses): one audit record for the batch. */
    @WithTransaction
    public Uni<byte[]> letterBatch(Caller caller, UUID id, int batchNo) {
        return find(caller, id).chain(c -> pool.preparedQuery("select pdf_ct, pdf_key from letter_batch where campaign_id = $1 "
                + "and batch_no = $2").execute(Tuple.of(c.id, batchNo)).map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("Letter batch " + batchNo);
                    }
                    Row r = rows.iterator().next();
                    return cipher.open(r.getString("pdf_key"), r.getBuffer("pdf_ct").getBytes(), LaunchWorker.batchPlace(c.id, batchNo));
                }).call(() -> audit.record(caller, AuditAction.DOWNLOAD, "letter_batch", c.id, null)));
    }

    /** The letter of one offer. */
    @WithTransaction
    public Uni<byte[]> offerLetter(Caller caller, UUID offerId) {
        return Offer.<Offer>find("id = ?1 and region = ?2", offerId, caller.requireRegion()).firstResult().chain(o -> {
            if (o == null) {
                return Uni.createFrom().failure(ProblemException.notFound("Offer " + offerId));
            }
            return pool.preparedQuery("select pdf_ct, pdf_key from offer_letter where offer_id = $1").execute(Tuple.of(o.id))
                    .map(rows -> {
                        if (rows.size() == 0) {
                            throw ProblemException.notFound("Letter of offer " + offerId);
                        }
                        Row r = rows.iterator().next();
                        return cipher.open(r.getString("pdf_key"), r.getBuffer("pdf_ct").getBytes(), LaunchWorker.letterPlace(o.id));
                    }).call(() -> audit.record(caller, AuditAction.DOWNLOAD, "offer_letter", o.id, o.personKey));
        });
    }

    private Uni<Campaign> find(Caller caller, UUID id) {
        return Campaign.<Campaign>find("id = ?1 and region = ?2", id, caller.requireRegion()).firstResult().map(c -> {
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
