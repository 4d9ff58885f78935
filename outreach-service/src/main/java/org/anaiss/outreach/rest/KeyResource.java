package org.anaiss.outreach.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anaiss.outreach.service.ReencryptionService;
import org.anaiss.platform.crypto.KeyUsage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Key rotation of outreach-service's encrypted columns, for admins (docs/key-rotation.md). Counts only. */
@Path("/api/outreach/admin/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Operations of the service")
public class KeyResource {

    private final ReencryptionService reencryption;

    public KeyResource(ReencryptionService reencryption) {
        this.reencryption = reencryption;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "How many values each key encrypts, per column")
    public Uni<KeyUsage> keys() {
        return reencryption.usage();
    }

    @POST
    @Path("/reencryption")
    @RolesAllowed("admin")
    @Operation(summary = "Re-encrypt up to 'budget' rows still under an older key (resumable: call again until none is left)")
    public Uni<KeyUsage> reencrypt(@Parameter(description = "default 10 000") @QueryParam("budget") @Min(1) @Max(1_000_000) Integer budget) {
        return reencryption.reencrypt(200, budget == null ? 10_000 : budget).chain(n -> reencryption.usage());
    }
}
