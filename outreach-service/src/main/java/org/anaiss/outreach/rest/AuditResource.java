package org.anaiss.outreach.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

import org.anaiss.outreach.service.AuditRecordView;
import org.anaiss.outreach.service.AuditService;
import org.anaiss.platform.audit.AuditJob;
import org.anaiss.platform.audit.AuditReading;
import org.anaiss.platform.audit.AuditVerification;
import org.anaiss.platform.problem.Params;
import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.outreach.service.Caller;
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
 * outreach-service's audit trail, for the data protection officer only (its readings for admins): per record,
 * per person key, per period (31 days at most, with a reason), per actor only for a named incident; every
 * reading recorded. Never counted per user.
 */
@Path("/api/outreach/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read or changed which record of personal data, when (DPO only)")
public class AuditResource {

    private static final int MAX_LIMIT = 1000;
    private static final int MAX_JOBS = 100;
    private static final String DPO = "dpo";
    private final AuditService audit;
    private final RequestCaller caller;
    private final Clock clock;

    public AuditResource(AuditService audit, RequestCaller caller, Clock clock) {
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(DPO)
    @Operation(summary = "Audit records of one record, one person (by key), one period, or one actor for an incident",
            description = "Exactly one of: recordId; personKey; from+to (at most 31 days) with a reason; actor with from+to (at "
                    + "most 31 days), a reason and the incident's reference (INC-<year>-<number>). Every reading is recorded. "
                    + "Page with afterSeq. There is no count per user, and none will be added.")
    @APIResponse(responseCode = "200", description = "The records, in seq order")
    @APIResponse(responseCode = "400", description = "A reading the rules do not allow; nothing was read nor recorded")
    public Uni<List<AuditRecordView>> records(@QueryParam("recordId") UUID recordId,
            @Parameter(description = "The person's key (keyed hash of the NIR, as in the DPO export)") @QueryParam("personKey") String personKey,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; at most 31 days after 'from'") @QueryParam("to") Instant to,
            @Parameter(description = "Username whose actions are read: only with from+to, reason and incident") @QueryParam("actor") String actor,
            @Parameter(description = "Why the trail is read (10 to 500 characters); required by period and by actor, recorded")
            @QueryParam("reason") String reason,
            @Parameter(description = "Reference of the incident investigated, INC-<year>-<number>; required by actor")
            @QueryParam("incident") String incident,
            @Parameter(description = "the last seq received (paging); default 0") @QueryParam("afterSeq") @Min(0) Long afterSeq,
            @Parameter(description = "default 200") @QueryParam("limit") @Min(1) @Max(MAX_LIMIT) Integer limit) {
        if (personKey != null && !personKey.isBlank() && !personKey.trim().matches("[A-Za-z0-9_-]{1,64}")) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'personKey' is a person key as this service stores it (base64url, at most 64 characters).");
        }
        return audit.read(Caller.of(caller.claims()), recordId, personKey, from, to, actor, reason, incident, afterSeq == null ? 0 : afterSeq,
                limit == null ? 200 : limit);
    }

    @GET
    @Path("/verification")
    @RolesAllowed(DPO)
    @Operation(summary = "Recompute the hash chains of the audit trail over [from, to) (default: the last 31 days)")
    @APIResponse(responseCode = "200", description = "The figures of the verification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditVerification.class)))
    @APIResponse(responseCode = "400", description = "Invalid period")
    @APIResponse(responseCode = "422", description = "The period takes longer to verify than a request may (10 s): start a "
            + "background verification of it (POST /api/outreach/audit/verifications) or verify a shorter period")
    public Uni<AuditVerification> verify(
            @Parameter(description = "ISO-8601 instant, inclusive; default 31 days before 'to'") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") Instant to) {
        return audit.verify(from, to);
    }

    /** The period of a background verification, both ends optional. */
    @Schema(name = "AuditVerificationJobRequest", example = """
            {"from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"}""")
    public record JobRequest(@Schema(format = "date-time") String from, @Schema(format = "date-time") String to) {
    }

    @POST
    @Path("/verifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(DPO)
    @Operation(summary = "Start a background verification of the hash chains over a period (resumable, one at a time)")
    @APIResponse(responseCode = "202", description = "Started; Location names the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditJob.class)))
    @APIResponse(responseCode = "409", description = "A verification job is already running (runningJobId names it)")
    public Uni<Response> startVerification(@RequestBody(required = false) JobRequest request) {
        Instant from = Params.instant("from", request == null ? null : request.from());
        Instant to = Params.instant("to", request == null ? null : request.to());
        return audit.startVerification(from, to).map(job -> Response.accepted(job)
                .location(URI.create("/api/outreach/audit/verifications/" + job.id())).build());
    }

    @GET
    @Path("/verifications")
    @RolesAllowed(DPO)
    @Operation(summary = "The latest background verifications of the hash chains, newest first")
    public Uni<List<AuditJob>> verificationJobs(
            @Parameter(description = "How many; default 20") @QueryParam("limit") @Min(1) @Max(MAX_JOBS) Integer limit) {
        return audit.verificationJobs(limit == null ? 20 : limit);
    }

    @GET
    @Path("/verifications/{jobId}")
    @RolesAllowed(DPO)
    @Operation(summary = "A background verification of the hash chains: its state and figures so far")
    @APIResponse(responseCode = "404", description = "No such job")
    public Uni<AuditJob> verificationJob(@PathParam("jobId") String jobId) {
        return audit.verificationJob(Params.uuid("jobId", jobId));
    }

    @GET
    @Path("/readings")
    @RolesAllowed("admin")
    @Operation(summary = "Who read the audit trail, when, with which filter and why, newest first (admins)",
            description = "Written by each reading and unalterable (no update, no deletion within a year). Period [from, to), "
                    + "default the last 31 days.")
    public Uni<List<AuditReading>> readings(@Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") Instant to,
            @Parameter(description = "default 200") @QueryParam("limit") @Min(1) @Max(MAX_LIMIT) Integer limit) {
        Instant end = to != null ? to : clock.instant().plusSeconds(60);
        Instant start = from != null ? from : end.minus(Duration.ofDays(31));
        if (!start.isBefore(end)) {
            throw new ProblemException(400, "invalid-period", "Invalid period", "'from' must be before 'to'.", Map.of());
        }
        return audit.readings(start, end, limit == null ? 200 : limit);
    }
}
