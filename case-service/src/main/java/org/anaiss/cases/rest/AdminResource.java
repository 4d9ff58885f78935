package org.anaiss.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.anaiss.cases.events.StatsExporter;
import org.anaiss.cases.rest.api.KeyUsage;
import org.anaiss.cases.service.ReencryptionService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Operations on the encryption keys; nothing here shows a case's content. */
@Path("/api/cases/admin")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration", description = "Key rotation, statistics export")
public class AdminResource {

    /** An export run: how many tables were written to the outbox, in how long. */
    public record ExportRun(int tables, long millis) {
    }

    private final ReencryptionService reencryption;
    private final StatsExporter exporter;

    public AdminResource(ReencryptionService reencryption, StatsExporter exporter) {
        this.reencryption = reencryption;
        this.exporter = exporter;
    }

    @POST
    @Path("/stats/export")
    @RolesAllowed("admin")
    @Operation(summary = "Export the statistics now (they are also exported on schedule)")
    public Uni<ExportRun> exportStats() {
        long start = System.nanoTime();
        return exporter.exportNow().map(n -> new ExportRun(n, (System.nanoTime() - start) / 1_000_000));
    }

    @GET
    @Path("/keys")
    @RolesAllowed("admin")
    @Operation(summary = "How many values each key encrypts, per column")
    public Uni<KeyUsage> keys() {
        return reencryption.usage();
    }

    @POST
    @Path("/keys/reencryption")
    @RolesAllowed("admin")
    @Operation(summary = "Re-encrypt up to 'budget' values still under an older key (resumable: call again until none is left)")
    public Uni<KeyUsage> reencrypt(@QueryParam("budget") String budget) {
        int max = Params.intValue("budget", budget, 10_000, 1, 1_000_000);
        return reencryption.reencrypt(200, max).chain(n -> reencryption.usage());
    }
}
