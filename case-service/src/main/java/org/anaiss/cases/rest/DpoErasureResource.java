package org.anaiss.cases.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anaiss.cases.service.ErasurePropagation;
import org.anaiss.cases.service.ErasureView;
import org.anaiss.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** For the DPO: an erasure decided here, and which services confirmed it and when. */
@Path("/api/cases/dpo/erasures")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Data protection", description = "For the data protection officer only")
public class DpoErasureResource {

    private final ErasurePropagation erasures;

    public DpoErasureResource(ErasurePropagation erasures) {
        this.erasures = erasures;
    }

    @GET
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "The erasures of a person (personId=) or of the person a rights request is about (request=), "
            + "with each service's confirmation")
    public Uni<List<ErasureView>> list(@QueryParam("personId") UUID personId, @QueryParam("request") UUID request) {
        if ((personId == null) == (request == null)) {
            throw ProblemException.badRequest("one-filter", "One filter", "Give either personId or request.");
        }
        return personId != null ? erasures.forPerson(personId) : erasures.forRequest(request);
    }

    @GET
    @Path("/{erasureId}")
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "One erasure, with each service's confirmation")
    public Uni<ErasureView> one(@PathParam("erasureId") UUID erasureId) {
        return erasures.one(erasureId);
    }
}
