package org.anaiss.outreach.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** The API other health-insurance systems call. */
@Path("/api/partners")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Partners", description = "For partner systems of other health-insurance schemes (client credentials, role signal-sender)")
public class PartnerResource {

    /** Who the partner system is, as this service sees its token: for checking an integration. */
    public record PartnerIdentity(String clientId, List<String> roles) {
    }

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public PartnerResource(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    @GET
    @Path("/whoami")
    @RolesAllowed("signal-sender")
    @Operation(summary = "The partner system's identity as seen by ANAISS (to check credentials)")
    public PartnerIdentity whoami() {
        return new PartnerIdentity(token.getClaim("azp"), identity.getRoles().stream().sorted().toList());
    }
}
