package org.anaiss.outreach.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.outreach.rest.api.NirRequest;
import org.anaiss.outreach.rest.api.OfferView;
import org.anaiss.outreach.rest.api.OfficerAnswerRequest;
import org.anaiss.outreach.service.AnswerService;
import org.anaiss.outreach.service.CampaignService;
import org.anaiss.outreach.service.ObjectionService;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.outreach.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Offers of the officer's region: answers received by phone or letter, letters, objections. */
@Path("/api/outreach")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers", description = "Answers recorded by the officer, letters, objections (role outreach-officer, own region)")
public class OfferResource {

    private final AnswerService answers;
    private final CampaignService campaigns;
    private final ObjectionService objections;
    private final RequestCaller caller;

    public OfferResource(AnswerService answers, CampaignService campaigns, ObjectionService objections, RequestCaller caller) {
        this.answers = answers;
        this.campaigns = campaigns;
        this.objections = objections;
        this.caller = caller;
    }

    @POST
    @Path("/offers/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The offers made to a person (by NIR, in the body) in the officer's region")
    public Uni<List<OfferView>> lookup(@Valid @NotNull NirRequest request) {
        return answers.lookup(Caller.of(caller.claims()), request.nir()).map(list -> list.stream().map(OfferView::of).toList());
    }

    @POST
    @Path("/offers/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Record an answer the person gave by phone or letter")
    public Uni<OfferView> answer(@PathParam("id") String id, @Valid @NotNull OfficerAnswerRequest request) {
        return answers.answerByOfficer(Caller.of(caller.claims()), Params.uuid("id", id), request.response(), request.preferredContactSlot(),
                request.postponedUntil(), request.receivedBy()).map(OfferView::of);
    }

    @GET
    @Path("/offers/{id}/letter")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The letter of one offer (LETTER campaigns), as PDF")
    public Uni<Response> letter(@PathParam("id") String id) {
        return campaigns.offerLetter(Caller.of(caller.claims()), Params.uuid("id", id)).map(pdf -> Pdfs.attachment(pdf, "offer-" + id + ".pdf"));
    }

    @POST
    @Path("/objections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Record a person's objection to outreach (at their request): open offers are cancelled, no campaign reaches them again")
    @APIResponse(responseCode = "204", description = "Objection recorded")
    public Uni<Response> object(@Valid @NotNull NirRequest request) {
        return objections.recordByOfficer(Caller.of(caller.claims()), request.nir()).map(x -> Response.noContent().build());
    }
}
