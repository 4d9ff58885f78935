package org.anaiss.cases.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

import org.anaiss.cases.events.StatsExporter;
import org.anaiss.cases.service.AuditReadingView;
import org.anaiss.cases.service.AuditService;
import org.anaiss.cases.service.ReencryptionService;
import org.anaiss.cases.domain.StatsPeriod;
import org.anaiss.platform.crypto.KeyUsage;
import org.anaiss.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Operations on the encryption keys, the statistics export, the trail of audit readings; nothing here shows a case's content. */
@Path("/api/cases/admin")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Key rotation, statistics export, readings of the audit trail")
public class AdminResource {

    /** An export run: how many tables were released (written to the outbox), in how long. */
    public record ExportRun(int tables, long millis) {
    }

    private final ReencryptionService reencryption;
    private final StatsExporter exporter;
    private final AuditService audit;
    private final Clock clock;

    public AdminResource(ReencryptionService reencryption, StatsExporter exporter, AuditService audit, Clock clock) {
        this.reencryption = reencryption;
        this.exporter = exporter;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @Path("/audit-readings")
    @RolesAllowed("admin")
    @Operation(summary = "Who read the audit trail, when, with which filter and why, newest first",
            description = "The trail of the DPO's readings of the audit trail, written by each reading and unalterable (no "
                    + "update, no deletion within a year). Period [from, to), default the last 31 days.")
    public Uni<List<AuditReadingView>> auditReadings(@Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") Instant from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") Instant to,
            @Parameter(description = "default 200") @QueryParam("limit") @Min(1) @Max(1000) Integer limit) {
        Instant end = to != null ? to : clock.instant().plusSeconds(60);
        Instant start = from != null ? from : end.minus(Duration.ofDays(31));
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("invalid-period", "Invalid period", "'from' must be before 'to'.");
        }
        return audit.readings(start, end, limit == null ? 200 : limit);
    }

    @POST
    @Path("/stats/export")
    @RolesAllowed("admin")
    @Operation(summary = "Release the statistics of the periods released and not exported yet (also done on schedule)",
            description = "A period is released once, when it ended longer ago than the freeze delay, and never again. Without "
                    + "parameters: every period released within the catch-up window. With granularity (MONTH, QUARTER, YEAR) and "
                    + "period (2026-03, 2026-Q1, 2026): that one released period, whenever it was released (0 tables when it was "
                    + "already); 409 when it is not released yet.")
    public Uni<ExportRun> exportStats(@QueryParam("granularity") StatsPeriod.Granularity g,
            @Parameter(description = "2026-03, 2026-Q1 or 2026, as the granularity says") @QueryParam("period") String period) {
        long start = System.nanoTime();
        Uni<Integer> run;
        if (g == null && (period == null || period.isBlank())) {
            run = exporter.exportNow();
        } else {
            if (g == null || period == null) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                        "Give both 'granularity' and 'period' (e.g. granularity=MONTH&period=2026-03), or neither.");
            }
            StatsPeriod p = StatsPeriod.parse(g, period.trim()).orElseThrow(() -> ProblemException.badRequest("invalid-parameter",
                    "Invalid parameter", "'period' must be a " + g + " period such as "
                            + switch (g) { case MONTH -> "2026-03"; case QUARTER -> "2026-Q1"; case YEAR -> "2026"; } + "."));
            run = exporter.exportPeriod(p);
        }
        return run.map(n -> new ExportRun(n, (System.nanoTime() - start) / 1_000_000));
    }

    @GET
    @Path("/keys")
    @RolesAllowed("admin")
    @Operation(summary = "How many values each key encrypts, per column")
    public Uni<KeyUsage> keys() {
        return reencryption.usage();
    }

    @POST
    @Path("/keys/reencryption")
    @RolesAllowed("admin")
    @Operation(summary = "Re-encrypt up to 'budget' values still under an older key (resumable: call again until none is left)")
    public Uni<KeyUsage> reencrypt(@Parameter(description = "default 10000") @QueryParam("budget") @Min(1) @Max(1_000_000) Integer budget) {
        return reencryption.reencrypt(200, budget == null ? 10_000 : budget).chain(n -> reencryption.usage());
    }
}
