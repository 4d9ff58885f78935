package org.anaiss.cases.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.cases.rest.api.ArchivedDossier;
import org.anaiss.cases.rest.api.LegalHoldRequest;
import org.anaiss.cases.rest.api.PersonExport;
import org.anaiss.cases.rest.api.PersonSearchRequest;
import org.anaiss.cases.rest.api.PersonView;
import org.anaiss.cases.rest.api.RetentionReport;
import org.anaiss.cases.rest.api.RightsRequestAnswer;
import org.anaiss.cases.rest.api.RightsRequestCreate;
import org.anaiss.cases.rest.api.RightsRequestView;
import org.anaiss.cases.service.DpoService;
import org.anaiss.cases.service.RetentionService;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The data protection officer's tools: rights of the person, legal holds, archive, retention, register. */
@Path("/api/cases/dpo")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data protection", description = "For the data protection officer only")
public class DpoResource {

    private final DpoService dpo;
    private final RetentionService retention;
    private final RequestCaller caller;

    public DpoResource(DpoService dpo, RetentionService retention, RequestCaller caller) {
        this.dpo = dpo;
        this.retention = retention;
        this.caller = caller;
    }

    @GET
    @Path("/register")
    @Produces("text/markdown;charset=UTF-8")
    @RolesAllowed({ Roles.DPO, "admin" })
    @Operation(summary = "The register of processing activities of ANAISS (GDPR article 30)")
    public String register() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dpo/register.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @POST
    @Path("/persons/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Find a person in any region, by NIR or by last name and birth date")
    public Uni<List<PersonView>> search(@Valid @NotNull PersonSearchRequest request) {
        return dpo.search(Caller.of(caller.claims()), ApiMapping.search(request))
                .map(list -> list.stream().map(ApiMapping::person).toList());
    }

    @GET
    @Path("/persons/{personId}/export")
    @Produces({ MediaType.APPLICATION_JSON, "application/pdf" })
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Everything held on a person, case-service and outreach-service, as JSON or as a readable PDF (Accept: application/pdf)")
    public Uni<Response> export(@PathParam("personId") UUID personId, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean pdf = accept != null && accept.contains("application/pdf");
        return dpo.export(Caller.of(caller.claims()), personId).map(ApiMapping::export).map(export -> pdf
                ? Response.ok(ExportPdf.render(export), "application/pdf")
                        .header("Content-Disposition", "attachment; filename=\"export-" + personId + ".pdf\"")
                        .header("Cache-Control", "no-store").build()
                : Response.ok(export, MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build());
    }

    @DELETE
    @Path("/persons/{personId}")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Erase a person and all their cases (GDPR article 17)", description = "409 while a case is under legal hold.")
    @APIResponse(responseCode = "204", description = "Erased")
    public Uni<Response> erase(@PathParam("personId") UUID personId) {
        return dpo.erase(Caller.of(caller.claims()), personId).replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/persons/{personId}/objection")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Record the person's objection to outreach: outreach-service never contacts them again")
    @APIResponse(responseCode = "204", description = "Recorded and sent to outreach-service")
    public Uni<Response> objection(@PathParam("personId") UUID personId) {
        return dpo.objectToOutreach(Caller.of(caller.claims()), personId).replaceWith(Response.noContent().build());
    }

    @PUT
    @Path("/cases/{caseId}/legal-hold")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Put a case under legal hold (archived, not deleted, when its retention ends) or lift the hold")
    @APIResponse(responseCode = "204", description = "Done")
    public Uni<Response> legalHold(@PathParam("caseId") UUID caseId, @Valid @NotNull LegalHoldRequest request) {
        return dpo.legalHold(Caller.of(caller.claims()), caseId, request.hold()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/archive/{caseId}")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Read an archived case (legal hold)")
    public Uni<ArchivedDossier> archived(@PathParam("caseId") UUID caseId) {
        return dpo.archived(Caller.of(caller.claims()), caseId).map(ApiMapping::archived);
    }

    @GET
    @Path("/retention/preview")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Dry run of the retention job: what it would delete or archive now")
    public Uni<RetentionReport> retentionPreview() {
        return retention.run(true).map(ApiMapping::retention);
    }

    @POST
    @Path("/retention/runs")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Run the retention job now (it also runs every night)")
    public Uni<RetentionReport> retentionRun() {
        return retention.run(false).map(ApiMapping::retention);
    }

    @POST
    @Path("/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Record a request received from a person; it is due one month after reception")
    @APIResponse(responseCode = "201", description = "Recorded")
    public Uni<Response> record(@Valid @NotNull RightsRequestCreate request) {
        return dpo.record(Caller.of(caller.claims()), request.personId(), request.kind(), request.channel(), request.receivedAt())
                .map(ApiMapping::rightsRequest)
                .map(r -> Response.created(URI.create("/api/cases/dpo/requests/" + r.id())).entity(r).build());
    }

    @GET
    @Path("/requests")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Requests, the open ones first by due date (open=true) or all")
    public Uni<List<RightsRequestView>> requests(@Parameter(description = "only the open ones") @QueryParam("open") Boolean open) {
        return dpo.requests(Boolean.TRUE.equals(open)).map(list -> list.stream().map(ApiMapping::rightsRequest).toList());
    }

    @PUT
    @Path("/requests/{requestId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Record the answer to a request")
    public Uni<RightsRequestView> answer(@PathParam("requestId") UUID requestId, @Valid @NotNull RightsRequestAnswer answer) {
        return dpo.answer(Caller.of(caller.claims()), requestId, answer.status(), answer.note(), answer.version())
                .map(ApiMapping::rightsRequest);
    }
}
