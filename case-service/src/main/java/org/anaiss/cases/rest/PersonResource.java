package org.anaiss.cases.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anaiss.cases.rest.api.PersonRequest;
import org.anaiss.cases.rest.api.PersonSearchRequest;
import org.anaiss.cases.rest.api.PersonSummary;
import org.anaiss.cases.rest.api.PersonView;
import org.anaiss.cases.service.PersonService;
import org.anaiss.platform.caller.RequestCaller;
import org.anaiss.cases.service.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/cases/persons")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Persons", description = "People accompanied by the social service, in the caller's region")
public class PersonResource {

    private final PersonService persons;
    private final RequestCaller caller;

    public PersonResource(PersonService persons, RequestCaller caller) {
        this.persons = persons;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Register a person", description = "409 with existingId when the same NIR, or the same names and birth date, exist in the region.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "Duplicate: the body's existingId names the known person")
    public Uni<Response> create(@Valid @NotNull PersonRequest request) {
        return persons.create(Caller.of(caller.claims()), ApiMapping.identity(request)).map(ApiMapping::person)
                .map(p -> Response.created(URI.create("/api/cases/persons/" + p.id())).entity(p).build());
    }

    @POST
    @Path("/search")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Find persons by NIR, or by last name and birth date", description = "The NIR travels in the body, never in a URL.")
    public Uni<List<PersonSummary>> search(@Valid @NotNull PersonSearchRequest request) {
        return persons.search(Caller.of(caller.claims()), ApiMapping.search(request))
                .map(list -> list.stream().map(ApiMapping::summary).toList());
    }

    @GET
    @Path("/{personId}")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Read a person's identity and contact details")
    public Uni<PersonView> get(@PathParam("personId") UUID personId) {
        return persons.get(Caller.of(caller.claims()), personId).map(ApiMapping::person);
    }

    @PUT
    @Path("/{personId}")
    @RolesAllowed({ Roles.SOCIAL_WORKER, Roles.TEAM_LEAD })
    @Operation(summary = "Rectify a person's identity or contact details", description = "'version' is the version read; 409 if it changed meanwhile.")
    public Uni<PersonView> update(@PathParam("personId") UUID personId, @QueryParam("version") @Min(0) Integer version,
            @Valid @NotNull PersonRequest request) {
        if (version == null) {
            throw org.anaiss.platform.problem.ProblemException.badRequest("version-required", "Version required",
                    "Send ?version= with the version you read, so a concurrent change is not overwritten.");
        }
        return persons.update(Caller.of(caller.claims()), personId, ApiMapping.identity(request), version)
                .map(ApiMapping::person);
    }
}
