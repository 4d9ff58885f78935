package org.anaiss.cases.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.anaiss.cases.rest.api.CaseFileView;
import org.anaiss.cases.service.CaseFileService;
import org.anaiss.cases.service.CaseService;
import org.anaiss.cases.service.ContactService;
import org.anaiss.cases.service.DocumentService;
import org.anaiss.cases.service.PlanService;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** A whole case file in one read, for the screen that shows it. */
@Path("/api/cases/{caseId}/file")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class CaseFileResource {

    private final CaseFileService files;
    private final CaseService cases;
    private final ContactService contacts;
    private final PlanService plan;
    private final RequestCaller caller;

    public CaseFileResource(CaseFileService files, CaseService cases, ContactService contacts, PlanService plan,
            RequestCaller caller) {
        this.files = files;
        this.cases = cases;
        this.contacts = contacts;
        this.plan = plan;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "A case file in one read: the case, its status history, contacts, plan steps and documents",
            description = "The same content and the same audit records as the five separate reads, in one transaction.")
    public Uni<CaseFileView> file(@PathParam("caseId") UUID caseId) {
        return files.read(Caller.of(caller.claims()), caseId).map(f -> new CaseFileView(
                ApiMapping.caseView(cases.details(f.supportCase())),
                f.history().stream().map(ApiMapping::statusChange).toList(),
                f.contacts().stream().map(contacts::details).map(ApiMapping::contact).toList(),
                f.planSteps().stream().map(plan::details).map(ApiMapping::planStep).toList(),
                f.documents().stream().map(DocumentService::details).map(ApiMapping::document).toList()));
    }
}
