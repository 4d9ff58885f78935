package org.anaiss.outreach.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.rest.api.CampaignPreview;
import org.anaiss.outreach.rest.api.CampaignRequest;
import org.anaiss.outreach.rest.api.CampaignView;
import org.anaiss.outreach.rest.api.LetterBatchView;
import org.anaiss.outreach.rest.api.OfferView;
import org.anaiss.outreach.rest.api.Page;
import org.anaiss.outreach.service.CampaignService;
import org.anaiss.outreach.service.ListPage;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.outreach.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Offer campaigns of the officer's region. */
@Path("/api/outreach/campaigns")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns", description = "Offers of service to signalled people (role outreach-officer, own region)")
public class CampaignResource {

    private final CampaignService campaigns;
    private final RequestCaller caller;
    private final OutreachConfig config;

    public CampaignResource(CampaignService campaigns, RequestCaller caller, OutreachConfig config) {
        this.campaigns = campaigns;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Create a campaign (DRAFT) in the officer's region")
    @APIResponse(responseCode = "201", description = "Created (DRAFT)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    public Uni<Response> create(@Valid @NotNull CampaignRequest request) {
        return campaigns.create(Caller.of(caller.claims()), ApiMapping.campaign(request)).map(CampaignView::of)
                .map(view -> Response.status(201).entity(view).header("Location", "/api/outreach/campaigns/" + view.id()).build());
    }

    @GET
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Campaigns of the officer's region, newest first")
    public Uni<Page<CampaignView>> list(@Parameter(description = "page number, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "page size; at most anaiss.outreach.lists.max-page-size (100 by default)") @QueryParam("size") @Min(1) Integer size) {
        return campaigns.list(Caller.of(caller.claims()), page == null ? 0 : page, Params.pageSize(size, 20, config.lists().maxPageSize()))
                .map(p -> ApiMapping.page(p, CampaignView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "A campaign, with the progress of its launch (done / total)")
    public Uni<CampaignView> get(@PathParam("id") String id) {
        return campaigns.get(Caller.of(caller.claims()), Params.uuid("id", id)).map(CampaignView::of);
    }

    @POST
    @Path("/{id}/preview")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "How many people a launch would reach now, and the message rendered with fake data (for the officer only)")
    public Uni<CampaignPreview> preview(@PathParam("id") String id) {
        return campaigns.preview(Caller.of(caller.claims()), Params.uuid("id", id)).map(ApiMapping::preview);
    }

    @POST
    @Path("/{id}/launch")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Launch: offers are created and delivered in the background; follow the progress with GET")
    @APIResponse(responseCode = "202", description = "Accepted: offers are created and delivered in the background", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CampaignView.class)))
    public Uni<Response> launch(@PathParam("id") String id) {
        return campaigns.launch(Caller.of(caller.claims()), Params.uuid("id", id)).map(CampaignView::of)
                .map(view -> Response.status(202).entity(view).build());
    }

    @GET
    @Path("/{id}/offers")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The offers of a campaign (no identity), optionally by status")
    public Uni<Page<OfferView>> offers(@PathParam("id") String id, @QueryParam("status") OfferStatus status,
            @Parameter(description = "page number, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "page size; at most anaiss.outreach.lists.max-page-size (100 by default)") @QueryParam("size") @Min(1) Integer size) {
        return campaigns.offers(Caller.of(caller.claims()), Params.uuid("id", id), status, page == null ? 0 : page,
                Params.pageSize(size, 50, config.lists().maxPageSize())).map(p -> ApiMapping.page(p, OfferView::of));
    }

    @GET
    @Path("/{id}/letters")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The batches of letters of a LETTER campaign (merged PDFs for the mail room)")
    public Uni<List<LetterBatchView>> letterBatches(@PathParam("id") String id) {
        return campaigns.letterBatches(Caller.of(caller.claims()), Params.uuid("id", id))
                .map(list -> list.stream().map(ApiMapping::letterBatch).toList());
    }

    @GET
    @Path("/{id}/letters/{batch}")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "One batch of letters as a single PDF")
    public Uni<Response> letterBatch(@PathParam("id") String id, @PathParam("batch") String batch) {
        int batchNo = Params.intValue("batch", batch, 1, 1, 1_000_000);
        return campaigns.letterBatch(Caller.of(caller.claims()), Params.uuid("id", id), batchNo)
                .map(pdf -> Pdfs.attachment(pdf, "letters-" + id + "-" + batchNo + ".pdf"));
    }
}
