package org.anaiss.cases.service;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * outreach-service's part of a person's export (right of access), asked with the DPO's own token: the request's
 * Authorization header is propagated (org.eclipse.microprofile.rest.client.propagateHeaders), so the service
 * layer never holds a raw token and outreach-service checks the DPO's role itself.
 */
@RegisterRestClient(configKey = "outreach")
@RegisterClientHeaders
@Path("/api/outreach/dpo")
public interface OutreachDpoClient {

    /** The body names the person by NIR, which never travels in a URL. */
    record ExportRequest(String nir) {
    }

    @POST
    @Path("/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> export(ExportRequest request);
}
