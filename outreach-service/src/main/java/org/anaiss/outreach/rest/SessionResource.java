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

import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.rest.api.AttendanceRequest;
import org.anaiss.outreach.rest.api.RegistrationView;
import org.anaiss.outreach.rest.api.SessionView;
import org.anaiss.outreach.rest.api.StaffRegistrationRequest;
import org.anaiss.outreach.service.ActionService;
import org.anaiss.outreach.service.Attendee;
import org.anaiss.outreach.service.Caller;
import org.anaiss.outreach.service.RegistrationService;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.caller.RequestCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Sessions of the caller's region: registrations by staff, the waiting list, attendance, calendar. */
@Path("/api/outreach/sessions/{id}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "Registrations by social workers and officers, attendance, calendar")
public class SessionResource {

    private final RegistrationService registrations;
    private final ActionService actions;
    private final RequestCaller caller;

    public SessionResource(RegistrationService registrations, ActionService actions, RequestCaller caller) {
        this.registrations = registrations;
        this.actions = actions;
        this.caller = caller;
    }

    @POST
    @Path("/registrations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OUTREACH_OFFICER, Roles.SOCIAL_WORKER })
    @Operation(summary = "Register a person (with their agreement): a seat if one is left, else the waiting list")
    @APIResponse(responseCode = "201", description = "Registered (a seat or the waiting list)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationView.class)))
    public Uni<Response> register(@PathParam("id") String id, @Valid @NotNull StaffRegistrationRequest request) {
        Caller c = Caller.of(caller.claims());
        String source = c.roles().contains(Roles.SOCIAL_WORKER) ? Registration.SOCIAL_WORKER : Registration.OFFICER;
        return registrations.registerByStaff(c, Params.uuid("id", id), request.nir(),
                new Attendee(request.lastName().trim(), request.firstName().trim(), blankToNull(request.email()), blankToNull(request.phone())),
                source).map(ApiMapping::registration).map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/registrations")
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "The registrations and the waiting list of a session, with names (attendance sheet)")
    public Uni<List<RegistrationView>> list(@PathParam("id") String id) {
        return registrations.list(Caller.of(caller.claims()), Params.uuid("id", id))
                .map(list -> list.stream().map(ApiMapping::registration).toList());
    }

    @POST
    @Path("/registrations/{registrationId}/cancel")
    @RolesAllowed({ Roles.OUTREACH_OFFICER, Roles.SOCIAL_WORKER })
    @Operation(summary = "Cancel a registration; the first person waiting gets the seat and is told")
    public Uni<RegistrationView> cancel(@PathParam("id") String id, @PathParam("registrationId") String registrationId) {
        return registrations.cancelByStaff(Caller.of(caller.claims()), Params.uuid("id", id), Params.uuid("registrationId", registrationId))
                .map(ApiMapping::registration);
    }

    @POST
    @Path("/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OUTREACH_OFFICER)
    @Operation(summary = "Record who came, after the session took place")
    public Uni<SessionView> attendance(@PathParam("id") String id, @Valid @NotNull AttendanceRequest request) {
        return actions.attendance(Caller.of(caller.claims()), Params.uuid("id", id), request.attended(), request.absent())
                .map(ApiMapping::session);
    }

    @GET
    @Path("/calendar.ics")
    @Produces("text/calendar")
    @RolesAllowed({ Roles.OUTREACH_OFFICER, Roles.SOCIAL_WORKER })
    @Operation(summary = "The session as an iCalendar event")
    public Uni<Response> calendar(@PathParam("id") String id) {
        return actions.calendar(Caller.of(caller.claims()), Params.uuid("id", id)).map(ics -> Response.ok(ics, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"session.ics\"").build());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
