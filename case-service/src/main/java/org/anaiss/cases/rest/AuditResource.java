package org.anaiss.cases.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anaiss.cases.rest.api.AuditRecordView;
import org.anaiss.cases.rest.api.AuditVerification;
import org.anaiss.cases.service.AuditService;
import org.anaiss.cases.service.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The audit trail, for the data protection officer only: per case, per person, per period. Never per user. */
@Path("/api/cases/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read or changed which record, when (DPO only)")
public class AuditResource {

    private static final int MAX_LIMIT = 1000;
    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Audit records of one case, one person, or one period", description = "Exactly one of caseId, personId, or from+to. "
            + "Page with afterSeq (the last seq received).")
    public Uni<List<AuditRecordView>> records(@QueryParam("caseId") String caseParam, @QueryParam("personId") String personParam,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
            @QueryParam("afterSeq") String afterSeq, @QueryParam("limit") String limit) {
        UUID caseId = Params.uuid("caseId", caseParam);
        UUID personId = Params.uuid("personId", personParam);
        long after = Params.longValue("afterSeq", afterSeq, 0);
        int max = Params.intValue("limit", limit, 200, 1, MAX_LIMIT);
        Instant start = Params.instant("from", from);
        Instant end = Params.instant("to", to);
        int criteria = (caseId != null ? 1 : 0) + (personId != null ? 1 : 0) + (start != null || end != null ? 1 : 0);
        if (criteria != 1 || (criteria == 1 && caseId == null && personId == null && (start == null || end == null))) {
            throw ProblemException.badRequest("invalid-audit-query", "Invalid audit query",
                    "Give exactly one of caseId, personId, or from and to.");
        }
        if (caseId != null) {
            return audit.forCase(caseId, after, max);
        }
        if (personId != null) {
            return audit.forPerson(personId, after, max);
        }
        return audit.inPeriod(start, end, after, max);
    }

    @GET
    @Path("/verification")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Recompute the hash chains of the audit trail", description = "Checks every record written in the period "
            + "[from, to) (default: the last 31 days), each against its own content and its predecessor in its chain, even one "
            + "written before the period; and the head of every chain. intact=false names the first record that does not match. "
            + "A whole year of a busy service takes minutes: verify it month by month.")
    public Uni<AuditVerification> verify(
            @Parameter(description = "ISO-8601 instant, inclusive; default 31 days before 'to'") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @QueryParam("to") String to) {
        return audit.verify(Params.instant("from", from), Params.instant("to", to));
    }
}
