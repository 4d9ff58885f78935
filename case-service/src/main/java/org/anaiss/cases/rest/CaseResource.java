package org.anaiss.cases.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.Theme;
import org.anaiss.cases.repository.CaseQuery;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.rest.api.AssignmentRequest;
import org.anaiss.cases.rest.api.CaseCreateRequest;
import org.anaiss.cases.rest.api.CaseView;
import org.anaiss.cases.rest.api.Page;
import org.anaiss.cases.rest.api.StaffView;
import org.anaiss.cases.rest.api.StatusChangeRequest;
import org.anaiss.cases.rest.api.StatusChangeView;
import org.anaiss.cases.service.CaseService;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/cases")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cases", description = "Case files of the team: lifecycle, assignment, the worker's own lists")
public class CaseResource {

    private final CaseService cases;
    private final RequestCaller caller;
    private final CaseConfig config;

    public CaseResource(CaseService cases, RequestCaller caller, CaseConfig config) {
        this.cases = cases;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "List the team's cases", description = "Pages without totals: no count per worker or team is ever returned.")
    public Uni<Page<CaseView>> list(
            @QueryParam("status") CaseStatus status,
            @Parameter(description = "a theme of the fixed list") @QueryParam("theme") Theme theme,
            @Parameter(description = "only the cases assigned to me") @QueryParam("mine") Boolean mine,
            @Parameter(description = "only the cases waiting in the queue") @QueryParam("unassigned") Boolean unassigned,
            @Parameter(description = "only the cases of this person") @QueryParam("personId") UUID personId,
            @Parameter(description = "only the cases changed since this instant (ISO-8601)") @QueryParam("updatedSince") Instant updatedSince,
            @Parameter(description = "field,direction: updatedAt|openedAt|lastContactAt|status|theme, asc|desc") @QueryParam("sort") String sort,
            @Parameter(description = "page number, from 0") @QueryParam("page") @Min(0) @Max(100_000) Integer page,
            @Parameter(description = "page size; at most anaiss.cases.lists.max-page-size (100 by default)") @QueryParam("size") @Min(1) Integer size) {
        String sortField = "updatedAt";
        boolean ascending = false;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",", 2);
            if (!CaseRepository.SORTS.containsKey(parts[0].trim())
                    || (parts.length == 2 && !List.of("asc", "desc").contains(parts[1].trim()))) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                        "'sort' must read field,direction with field in " + CaseRepository.SORTS.keySet() + " and direction asc or desc.");
            }
            sortField = parts[0].trim();
            ascending = parts.length == 2 && parts[1].trim().equals("asc");
        }
        CaseQuery query = new CaseQuery(status, theme, Boolean.TRUE.equals(mine) ? Caller.of(caller.claims()).username() : null,
                Boolean.TRUE.equals(unassigned), personId, updatedSince, sortField, ascending,
                page == null ? 0 : page, Params.pageSize(size, 20, config.lists().maxPageSize()));
        return cases.list(Caller.of(caller.claims()), query).map(ApiMapping::cases);
    }

    @POST
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Open a case for a person of the region, in the caller's team")
    @APIResponse(responseCode = "201", description = "Opened")
    public Uni<Response> open(@Valid @NotNull CaseCreateRequest request) {
        return cases.open(Caller.of(caller.claims()), request.personId(), request.theme(), request.origin(), request.assignedTo())
                .map(ApiMapping::caseView)
                .map(c -> Response.created(URI.create("/api/cases/" + c.id())).entity(c).build());
    }

    @GET
    @Path("/{caseId}")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Read a case", description = "404 for a case outside the caller's team or region.")
    public Uni<CaseView> get(@PathParam("caseId") UUID caseId) {
        return cases.get(Caller.of(caller.claims()), caseId).map(ApiMapping::caseView);
    }

    @GET
    @Path("/{caseId}/status-history")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "The status history of a case", description = "Oldest first; each status with the day it took effect (no time, no author). 404 outside the caller's team or region.")
    public Uni<List<StatusChangeView>> statusHistory(@PathParam("caseId") UUID caseId) {
        return cases.statusHistory(Caller.of(caller.claims()), caseId)
                .map(list -> list.stream().map(ApiMapping::statusChange).toList());
    }

    @POST
    @Path("/{caseId}/status")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Change the status of a case", description = "OPEN -> ON_HOLD <-> OPEN -> CLOSED; a held case may close; a closed case may reopen. 409 otherwise.")
    public Uni<CaseView> changeStatus(@PathParam("caseId") UUID caseId, @Valid @NotNull StatusChangeRequest request) {
        return cases.changeStatus(Caller.of(caller.claims()), caseId, request.status(), request.closureReason())
                .map(ApiMapping::caseView);
    }

    @PUT
    @Path("/{caseId}/assignment")
    @RolesAllowed(Roles.TEAM_LEAD)
    @Operation(summary = "Assign or reassign a case to a social worker of the team")
    public Uni<CaseView> assign(@PathParam("caseId") UUID caseId, @Valid @NotNull AssignmentRequest request) {
        return cases.assign(Caller.of(caller.claims()), caseId, request.assignee()).map(ApiMapping::caseView);
    }

    @DELETE
    @Path("/{caseId}/assignment")
    @RolesAllowed(Roles.TEAM_LEAD)
    @Operation(summary = "Put a case back in the team's queue")
    public Uni<CaseView> unassign(@PathParam("caseId") UUID caseId) {
        return cases.unassign(Caller.of(caller.claims()), caseId).map(ApiMapping::caseView);
    }

    @GET
    @Path("/team/members")
    @RolesAllowed(Roles.TEAM_LEAD)
    @Operation(summary = "Social workers of the team who may be assigned a case")
    public Uni<List<StaffView>> teamMembers() {
        return cases.teamMembers(Caller.of(caller.claims()))
                .map(list -> list.stream().map(ApiMapping::staff).toList());
    }
}
