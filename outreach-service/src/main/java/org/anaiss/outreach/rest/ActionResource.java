package org.anaiss.outreach.rest;

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
import org.anaiss.outreach.rest.api.ActionRequest;
import org.anaiss.outreach.rest.api.ActionView;
import org.anaiss.outreach.rest.api.InvitationRequest;
import org.anaiss.outreach.rest.api.Page;
import org.anaiss.outreach.rest.api.SessionRequest;
import org.anaiss.outreach.rest.api.SessionView;
import org.anaiss.outreach.service.ActionDetails;
import org.anaiss.outreach.service.ActionService;
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

/** Collective actions of the caller's region: managed by outreach officers, visible to social workers who register people. */
@Path("/api/outreach/actions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Collective actions", description = "Information meetings and workshops (outreach-officer manages; social-worker registers people)")
public class ActionResource {

    /** How many people an invitation round selected. */
    public record Invited(int invited) {
    }

    private final ActionService actions;
    private final RequestCaller caller;
    private final OutreachConfig config;

    public ActionResource(ActionService actions, RequestCaller caller, OutreachConfig config) {
        this.actions = actions;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Create a collective action with its sessions, in the officer's region")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActionView.class)))
    public Uni<Response> create(@Valid @NotNull ActionRequest request) {
        return actions.create(Caller.of(caller.claims()), ApiMapping.action(request)).map(ApiMapping::action)
                .map(view -> Response.status(201).entity(view).header("Location", "/api/outreach/actions/" + view.id()).build());
    }

    @GET
    @RolesAllowed({ Roles.OUTREACH_OFFICER, Roles.SOCIAL_WORKER })
    @Operation(summary = "Collective actions of the caller's region, newest first, with their sessions and seats")
    public Uni<Page<ActionView>> list(@Parameter(description = "page number, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "page size; at most anaiss.outreach.lists.max-page-size (100 by default)") @QueryParam("size") @Min(1) Integer size) {
        return actions.list(Caller.of(caller.claims()), page == null ? 0 : page, Params.pageSize(size, 20, config.lists().maxPageSize()))
                .map(p -> ApiMapping.page(p, (ActionDetails a) -> ApiMapping.action(a)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OUTREACH_OFFICER, Roles.SOCIAL_WORKER })
    @Operation(summary = "A collective action, with its sessions, seats taken and waiting lists")
    public Uni<ActionView> get(@PathParam("id") String id) {
        return actions.get(Caller.of(caller.claims()), Params.uuid("id", id)).map(ApiMapping::action);
    }

    @POST
    @Path("/{id}/sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Add a session")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> addSession(@PathParam("id") String id, @Valid @NotNull SessionRequest request) {
        return actions.addSession(Caller.of(caller.claims()), Params.uuid("id", id), ApiMapping.session(request)).map(ApiMapping::action)
                .map(view -> Response.status(201).entity(view).build());
    }

    @POST
    @Path("/{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Invite signalled people (never those who objected); the messages leave in the background")
    @APIResponse(responseCode = "202", description = "Accepted: the invitations leave in the background", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Invited.class)))
    public Uni<Response> invite(@PathParam("id") String id, @Valid @NotNull InvitationRequest request) {
        return actions.invite(Caller.of(caller.claims()), Params.uuid("id", id), ApiMapping.invitation(request)).map(n -> Response.status(202).entity(new Invited(n)).build());
    }

    @GET
    @Path("/{id}/invitation-letters")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The letters of the action's LETTER invitations, merged into one PDF for the mail room")
    public Uni<Response> letters(@PathParam("id") String id) {
        return actions.invitationLetters(Caller.of(caller.claims()), Params.uuid("id", id))
                .map(pdf -> Pdfs.attachment(pdf, "invitations-" + id + ".pdf"));
    }
}
