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

import org.anaiss.outreach.rest.api.LinkRegistrationRequest;
import org.anaiss.outreach.rest.api.RegistrationLinkView;
import org.anaiss.outreach.service.RegistrationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * The link of an invitation or a registration, for the person, who has no account: public on purpose.
 * The token is the only key (256 bits, stored hashed); unknown, cancelled and expired links answer 404
 * (the last two with {@code "gone": true}, for the person's page). Responses are never cached. The
 * person's browser uses the gateway's page {@code /i/{token}}, which calls this API.
 */
@Path("/api/outreach/registrations/{token}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registration link", description = "Public: the person registers to a session, cancels, or adds it to their calendar")
public class RegistrationLinkResource {

    private final RegistrationService registrations;

    public RegistrationLinkResource(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @GET
    @Operation(summary = "The action, its upcoming sessions with seats left, and the person's registration")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationLinkView.class)))
    @APIResponse(responseCode = "404", description = "No such link: unknown, expired or no longer valid")
    public Uni<Response> view(@PathParam("token") String token) {
        return registrations.view(token).map(ApiMapping::registrationLink).map(v -> AnswerLinkResource.noStore(Response.ok(v)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register to a session (a seat if one is left, else the waiting list)")
    @APIResponse(responseCode = "201", description = "Registered (a seat or the waiting list)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationLinkView.Mine.class)))
    public Uni<Response> register(@PathParam("token") String token, @Valid @NotNull LinkRegistrationRequest request) {
        return registrations.registerByLink(token, request.sessionId()).map(ApiMapping::mine)
                .map(m -> AnswerLinkResource.noStore(Response.status(201).entity(m)));
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "Cancel the registration (the seat goes to the first person waiting)")
    @APIResponse(responseCode = "200", description = "Cancelled", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationLinkView.Mine.class)))
    @APIResponse(responseCode = "404", description = "No such link: unknown, expired or no longer valid")
    public Uni<Response> cancel(@PathParam("token") String token) {
        return registrations.cancelByLink(token).map(ApiMapping::mine).map(m -> AnswerLinkResource.noStore(Response.ok(m)));
    }

    @GET
    @Path("/calendar.ics")
    @Produces("text/calendar")
    @Operation(summary = "The registered session as an iCalendar event")
    @APIResponse(responseCode = "200", description = "The iCalendar event", content = @Content(mediaType = "text/calendar"))
    @APIResponse(responseCode = "404", description = "No such link: unknown, expired or no longer valid")
    public Uni<Response> calendar(@PathParam("token") String token) {
        return registrations.calendarByLink(token).map(ics -> AnswerLinkResource.noStore(Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"session.ics\"")));
    }
}
