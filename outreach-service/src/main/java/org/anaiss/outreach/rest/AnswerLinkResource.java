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
import org.anaiss.outreach.service.AnswerService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The link of an offer message, for the person, who has no account: public on purpose. The token in
 * the path is the only key (256 bits, stored hashed, single use, valid until the deadline); an unknown,
 * used or expired token is answered 404 alike. Responses are never cached.
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
    public Uni<Response> view(@PathParam("token") String token) {
        return answers.view(token).map(view -> noStore(Response.ok(view)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer: ACCEPTED (optionally with when to call), DECLINED or POSTPONED (with a date)")
    public Uni<Response> answer(@PathParam("token") String token, @Valid @NotNull AnswerRequest request) {
        return answers.answerByLink(token, request.response(), request.preferredContactSlot(), request.postponedUntil())
                .map(offer -> noStore(Response.ok(new Answered(offer.status().name()))));
    }

    @POST
    @Path("/objection")
    @Operation(summary = "Do not contact me again: records the objection and cancels every open offer")
    public Uni<Response> object(@PathParam("token") String token) {
        return answers.objectByLink(token).map(x -> noStore(Response.ok(new Answered("OBJECTION_RECORDED"))));
    }

    static Response noStore(Response.ResponseBuilder builder) {
        return builder.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
