package org.anaiss.outreach.rest;

import jakarta.annotation.security.PermitAll;
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

import org.anaiss.outreach.rest.api.AnswerRequest;
import org.anaiss.outreach.rest.api.AnswerView;
import org.anaiss.outreach.service.AnswerService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The link of an offer message, for the person, who has no account: public on purpose. The token in
 * the path is the only key (256 bits, stored hashed, single use, valid until the deadline); an unknown,
 * used or expired token is answered 404 (used and expired with {@code "gone": true}, for the person's page
 * {@code /o/{token}} of the gateway, which calls this API). Responses are never cached.
 */
@Path("/api/outreach/answers/{token}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Answer link", description = "Public: the person answers an offer through the link of their message")
public class AnswerLinkResource {

    /** What the person chose, echoed without any identity. */
    public record Answered(String status) {
    }

    private final AnswerService answers;

    public AnswerLinkResource(AnswerService answers) {
        this.answers = answers;
    }

    @GET
    @Operation(summary = "The offer behind the link, and the choices")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerView.class)))
    @APIResponse(responseCode = "404", description = "No such link: unknown, expired or no longer valid")
    public Uni<Response> view(@PathParam("token") String token) {
        return answers.view(token).map(ApiMapping::answer).map(view -> noStore(Response.ok(view)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer: ACCEPTED (optionally with when to call), DECLINED or POSTPONED (with a date)")
    public Uni<Response> answer(@PathParam("token") String token, @Valid @NotNull AnswerRequest request) {
        return answers.answerByLink(token, request.response(), request.preferredContactSlot(), request.postponedUntil())
                .map(offer -> noStore(Response.ok(new Answered(offer.status.name()))));
    }

    @POST
    @Path("/objection")
    @Operation(summary = "Do not contact me again: records the objection and cancels every open offer")
    @APIResponse(responseCode = "200", description = "Objection recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answered.class)))
    @APIResponse(responseCode = "404", description = "No such link: unknown, expired or no longer valid")
    public Uni<Response> object(@PathParam("token") String token) {
        return answers.objectByLink(token).map(x -> noStore(Response.ok(new Answered("OBJECTION_RECORDED"))));
    }

    static Response noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
