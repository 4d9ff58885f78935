package org.anaiss.outreach.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.outreach.rest.api.NirRequest;
import org.anaiss.outreach.service.DpoExportService;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.outreach.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The data protection officer's view of a person (right of access); case-service calls it for the full export. */
@Path("/api/outreach/dpo")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "DPO", description = "Right of access: what outreach-service holds on a person (role dpo)")
public class DpoResource {

    private final DpoExportService exports;

    private final RequestCaller caller;

    public DpoResource(DpoExportService exports, RequestCaller caller) {
        this.exports = exports;
        this.caller = caller;
    }

    @POST
    @Path("/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("dpo")
    @Operation(summary = "Everything held on a person, designated by NIR in the body")
    public Uni<Response> export(@Valid @NotNull NirRequest request) {
        return exports.export(Caller.of(caller.claims()), request.nir()).map((Map<String, Object> body) -> Response.ok(body).header("Cache-Control", "no-store").build());
    }
}
