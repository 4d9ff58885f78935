package org.anaiss.stats.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;

/** The published statistics tables. */
@Path("/api/stats/tables")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics", description = "Anonymous, protected statistics on the public served and on collective actions")
public class TableResource {

    /** A table that can be queried: its measure and the dimensions it may be broken down by. */
    public record TableDescription(String producer, String measure, List<String> dimensions) {
    }

    @GET
    @RolesAllowed({ "statistician", "admin" })
    @Operation(summary = "List the published tables and their dimensions")
    public List<TableDescription> tables() {
        return List.of();
    }
}
