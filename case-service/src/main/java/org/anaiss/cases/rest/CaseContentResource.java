package org.anaiss.cases.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.cases.rest.api.ContactRequest;
import org.anaiss.cases.rest.api.ContactView;
import org.anaiss.cases.rest.api.DocumentView;
import org.anaiss.cases.rest.api.PlanStepRequest;
import org.anaiss.cases.rest.api.PlanStepView;
import org.anaiss.cases.service.ContactService;
import org.anaiss.cases.service.DocumentService;
import org.anaiss.cases.service.PlanService;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** What a case holds: contacts, the support plan, documents. */
@Path("/api/cases/{caseId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Case contents", description = "Contacts, support plan and documents of a case")
public class CaseContentResource {

    private final ContactService contacts;
    private final PlanService plan;
    private final DocumentService documents;
    private final RequestCaller caller;

    public CaseContentResource(ContactService contacts, PlanService plan, DocumentService documents, RequestCaller caller) {
        this.contacts = contacts;
        this.plan = plan;
        this.documents = documents;
        this.caller = caller;
    }

    @GET
    @Path("/contacts")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Contacts with the person, newest first")
    public Uni<List<ContactView>> contacts(@PathParam("caseId") UUID caseId) {
        return contacts.list(Caller.of(caller.claims()), caseId)
                .map(list -> list.stream().map(ApiMapping::contact).toList());
    }

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Record a contact (interview, call, home visit, video, letter)")
    @APIResponse(responseCode = "201", description = "Recorded")
    public Uni<Response> addContact(@PathParam("caseId") UUID caseId, @Valid @NotNull ContactRequest request) {
        return contacts.add(Caller.of(caller.claims()), caseId, request.occurredAt(), request.mode(), request.notes())
                .map(ApiMapping::contact)
                .map(c -> Response.created(URI.create("/api/cases/" + caseId + "/contacts/" + c.id())).entity(c).build());
    }

    @GET
    @Path("/plan-steps")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "The support plan agreed with the person")
    public Uni<List<PlanStepView>> planSteps(@PathParam("caseId") UUID caseId) {
        return plan.list(Caller.of(caller.claims()), caseId)
                .map(list -> list.stream().map(ApiMapping::planStep).toList());
    }

    @POST
    @Path("/plan-steps")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Add a step to the support plan")
    @APIResponse(responseCode = "201", description = "Added")
    public Uni<Response> addPlanStep(@PathParam("caseId") UUID caseId, @Valid @NotNull PlanStepRequest request) {
        return plan.add(Caller.of(caller.claims()), caseId, request.text(), request.dueDate(), request.status())
                .map(ApiMapping::planStep)
                .map(s -> Response.created(URI.create("/api/cases/" + caseId + "/plan-steps/" + s.id())).entity(s).build());
    }

    @PUT
    @Path("/plan-steps/{stepId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Change a step (text, due date, PLANNED/DONE/CANCELLED)", description = "'version' is required; 409 if it changed meanwhile.")
    public Uni<PlanStepView> updatePlanStep(@PathParam("caseId") UUID caseId, @PathParam("stepId") UUID stepId,
            @Valid @NotNull PlanStepRequest request) {
        return plan.update(Caller.of(caller.claims()), caseId, stepId, request.text(), request.dueDate(), request.status(),
                request.version()).map(ApiMapping::planStep);
    }

    @GET
    @Path("/documents")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Documents attached to the case (metadata)")
    public Uni<List<DocumentView>> documents(@PathParam("caseId") UUID caseId) {
        return documents.list(Caller.of(caller.claims()), caseId)
                .map(list -> list.stream().map(ApiMapping::document).toList());
    }

    @POST
    @Path("/documents")
    @Consumes({ "application/pdf", "image/png", "image/jpeg" })
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Attach a document", description = "The body is the file itself (PDF, PNG or JPEG, 10 MiB at most); "
            + "its name in Content-Disposition: attachment; filename=\"...\".")
    @RequestBody(required = true)
    @APIResponse(responseCode = "201", description = "Attached")
    @APIResponse(responseCode = "413", description = "Too large")
    @APIResponse(responseCode = "415", description = "Type not accepted, or bytes not of the declared type")
    public Uni<Response> upload(@PathParam("caseId") UUID caseId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("Content-Disposition") String disposition, byte[] content) {
        return documents.upload(Caller.of(caller.claims()), caseId, contentType, ContentDisposition.fileName(disposition), content)
                .map(ApiMapping::document)
                .map(d -> Response.created(URI.create("/api/cases/" + caseId + "/documents/" + d.id())).entity(d).build());
    }

    @GET
    @Path("/documents/{documentId}")
    @Produces({ "application/pdf", "image/png", "image/jpeg", "application/problem+json" })
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Download a document")
    public Uni<Response> download(@PathParam("caseId") UUID caseId, @PathParam("documentId") UUID documentId) {
        return documents.download(Caller.of(caller.claims()), caseId, documentId)
                .map(d -> Response.ok(d.content(), d.meta().contentType())
                        .header("Content-Disposition", ContentDisposition.attachment(d.meta().fileName()))
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Cache-Control", "no-store")
                        .build());
    }

}
