package org.anaiss.cases.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.cases.rest.api.AuditVerificationJobRequest;
import org.anaiss.cases.service.AuditRecordView;
import org.anaiss.cases.service.AuditService;
import org.anaiss.cases.service.AuditVerificationJobView;
import org.anaiss.platform.audit.AuditVerification;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * The audit trail, for the data protection officer only: per case, per person, per period (31 days at most, with a
 * reason), per actor only for a named incident; every reading recorded. Never counted per user.
 */
@Path("/api/cases/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read or changed which record, when (DPO only)")
public class AuditResource {

    private static final int MAX_LIMIT = 1000;
    private static final int MAX_JOBS = 100;
    private final AuditService audit;
    private final RequestCaller caller;

    public AuditResource(AuditService audit, RequestCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Audit records of one case, one person, one period, or one actor for an incident",
            description = "Exactly one of: caseId; personId; from+to (at most 31 days) with a reason; actor with from+to (at most "
                    + "31 days), a reason and the incident's reference (INC-<year>-<number>, e.g. INC-2026-0042). Every reading is "
                    + "recorded (who, when, which filter, why) where admins see it and nobody can alter it. Page with afterSeq "
                    + "(the last seq received); each page is a reading. There is no count per user, and none will be added.")
    @APIResponse(responseCode = "200", description = "The records, in seq order")
    @APIResponse(responseCode = "400", description = "A reading the rules do not allow (period over 31 days, no reason, an actor "
            + "without an incident reference...); nothing was read nor recorded")
    public Uni<List<AuditRecordView>> records(@QueryParam("caseId") UUID caseId, @QueryParam("personId") UUID personId,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; at most 31 days after 'from'") @QueryParam("to") Instant to,
            @Parameter(description = "Username whose actions are read: only with from+to, reason and incident") @QueryParam("actor") String actor,
            @Parameter(description = "Why the trail is read (10 to 500 characters); required by period and by actor, recorded")
            @QueryParam("reason") String reason,
            @Parameter(description = "Reference of the incident investigated, INC-<year>-<number>; required by actor")
            @QueryParam("incident") String incident,
            @Parameter(description = "the last seq received (paging); default 0") @QueryParam("afterSeq") @Min(0) Long afterSeq,
            @Parameter(description = "default 200") @QueryParam("limit") @Min(1) @Max(MAX_LIMIT) Integer limit) {
        return audit.read(Caller.of(caller.claims()), caseId, personId, from, to, actor, reason, incident,
                afterSeq == null ? 0 : afterSeq, limit == null ? 200 : limit);
    }

    @GET
    @Path("/verification")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Recompute the hash chains of the audit trail", description = "Checks every record written in the period "
            + "[from, to) (default: the last 31 days), each against its own content and its predecessor in its chain, even one "
            + "written before the period; and the head of every chain. intact=false names the first record that does not match. "
            + "A whole year of a busy service takes minutes: verify it month by month, or in the background.")
    @APIResponse(responseCode = "200", description = "The figures of the verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditVerification.class)))
    @APIResponse(responseCode = "400", description = "Invalid period")
    @APIResponse(responseCode = "422", description = "The period takes longer to verify than a request may (the configured "
            + "budget, anaiss.cases.audit-verification.request-budget, 10 s by default): start a background verification "
            + "of it (POST /api/cases/audit/verifications) or verify a shorter period")
    public Uni<AuditVerification> verify(
            @Parameter(description = "ISO-8601 instant, inclusive; default 31 days before 'to'") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") Instant to) {
        return audit.verify(from, to);
    }

    @POST
    @Path("/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Start a background verification of the hash chains over a period", description = "The same checks and "
            + "figures as GET /api/cases/audit/verification, for periods too large to wait for (a year of a busy service): "
            + "the job goes through the period in chunks and can be followed at the Location returned. A job interrupted by a "
            + "restart resumes from its last completed chunk. One job at a time. The body is optional; without it, the last 31 days.")
    @APIResponse(responseCode = "202", description = "Started; Location names the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditVerificationJobView.class)))
    @APIResponse(responseCode = "400", description = "Invalid period; nothing was started")
    @APIResponse(responseCode = "409", description = "A verification job is already running (runningJobId names it)")
    public Uni<Response> startVerification(@RequestBody(required = false,
            description = "The period; each end optional") AuditVerificationJobRequest request) {
        Instant from = Params.instant("from", request == null ? null : request.from());
        Instant to = Params.instant("to", request == null ? null : request.to());
        return audit.startVerification(from, to).map(job -> Response.accepted(job)
                .location(URI.create("/api/cases/audit/verifications/" + job.id())).build());
    }

    @GET
    @Path("/verifications")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "The latest background verifications of the hash chains, newest first")
    public Uni<List<AuditVerificationJobView>> verificationJobs(
            @Parameter(description = "How many; default 20") @QueryParam("limit") @Min(1) @Max(MAX_JOBS) Integer limit) {
        return audit.verificationJobs(limit == null ? 20 : limit);
    }

    @GET
    @Path("/verifications/{jobId}")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "A background verification of the hash chains: its state and figures so far", description = "RUNNING, "
            + "then DONE (intact tells the outcome, firstBrokenSeq the first record that does not match) or FAILED. "
            + "Sequence numbers and counts only, never the content of a record.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditVerificationJobView.class)))
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<AuditVerificationJobView> verificationJob(@PathParam("jobId") UUID jobId) {
        return audit.verificationJob(jobId);
    }
}
