package org.anaiss.stats.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.platform.problem.ProblemException;
import org.anaiss.stats.repository.RejectionRepository;
import org.anaiss.stats.rest.api.RebuildView;
import org.anaiss.stats.rest.api.RejectionView;
import org.anaiss.stats.service.RebuildService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Operating the service: rejected messages, rebuild from the topic. Administrators only. */
@Path("/api/stats/admin")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics administration", description = "Rejected messages and rebuild from stats-aggregates (admin only)")
public class AdminResource {

    private final RejectionRepository rejections;
    private final RebuildService rebuild;
    private final AnswerCache cache;

    public AdminResource(RejectionRepository rejections, RebuildService rebuild, AnswerCache cache) {
        this.rejections = rejections;
        this.rebuild = rebuild;
        this.cache = cache;
    }

    @GET
    @Path("/rejections")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Messages of stats-aggregates that were refused, newest first",
            description = "Their position in the topic, their key when well formed, the reason. Never their content. "
                    + "Page with beforeId (the smallest id received).")
    public Uni<List<RejectionView>> rejections(
            @Parameter(description = "the smallest id received (paging)") @QueryParam("beforeId") @Min(0) Long beforeId,
            @Parameter(description = "default 100") @QueryParam("limit") @Min(1) @Max(1000) Integer limit) {
        long before = beforeId == null ? Long.MAX_VALUE : beforeId;
        int max = limit == null ? 100 : limit;
        return rejections.list(before, max).map(list -> list.stream().map(r -> new RejectionView(r.id, r.topic, r.partition,
                r.offset, r.key, r.reason, r.rejectedAt)).toList());
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rebuild the statistics database from the compacted topic",
            description = "Empties the snapshots and reads stats-aggregates again from offset 0. 202 with the status; "
                    + "409 when a rebuild is already running. Follow it with GET.")
    @APIResponse(responseCode = "202", description = "Started; follow it with GET", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is already running")
    public Response startRebuild() {
        cache.invalidateAll();
        if (!rebuild.start()) {
            throw ProblemException.conflict("rebuild-running", "Rebuild running", "A rebuild is already running; follow it with GET.");
        }
        return Response.accepted(view(rebuild.status())).build();
    }

    @GET
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Where the last rebuild stands")
    public RebuildView rebuildStatus() {
        return view(rebuild.status());
    }

    private static RebuildView view(RebuildService.Status s) {
        return new RebuildView(s.state().name(), s.reason(), s.startedAt(), s.finishedAt(), s.read(), s.applied(), s.ignored(),
                s.rejected());
    }
}
