package org.anaiss.gateway.openapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.anaiss.gateway.openapi.OpenApiMerger.Source;
import org.anaiss.gateway.openapi.OpenApiMerger.Status;

import io.vertx.core.json.JsonObject;

/**
 * The services' OpenAPI documents as their builds wrote them (quarkus.smallrye-openapi.store-schema-directory,
 * copied by gateway/pom.xml into target/test-classes/openapi/&lt;service&gt;/openapi.json), and their merge as the
 * gateway serves it at /api/openapi.json. {@code main} writes the merge for the linter (gateway/pom.xml, verify).
 */
public final class MergedDocument {

    static final List<String> PUBLIC = List.of("/api/outreach/answers", "/api/outreach/registrations");
    static final OpenApiMerger.Settings SETTINGS = new OpenApiMerger.Settings("ANAISS API", "1",
            "http://localhost:8180/realms/anaiss/.well-known/openid-configuration", PUBLIC);

    private MergedDocument() {
    }

    /** A service's document as its build wrote it; a clear failure when that build did not run first. */
    static JsonObject service(Path root, String service) {
        Path file = root.resolve(service).resolve("openapi.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + ": the gateway merges the documents the services' builds write; "
                    + "build them in the same run (./mvnw verify, or -pl case-service,outreach-service,stats-service,gateway -am)");
        }
        try {
            return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Source> sources(Path root, boolean withStats) {
        return List.of(
                new Source("case-service", "Case files", List.of("/api/cases"), service(root, "case-service"), Status.CURRENT, Instant.now()),
                new Source("outreach-service", "Outreach", List.of("/api/outreach", "/api/partners"), service(root, "outreach-service"),
                        Status.CURRENT, Instant.now()),
                new Source("stats-service", "Statistics", List.of("/api/stats"), withStats ? service(root, "stats-service") : null,
                        withStats ? Status.CURRENT : Status.MISSING, null));
    }

    /** Args: the directory of the copied documents, the file to write the merge to. */
    public static void main(String[] args) throws IOException {
        JsonObject merged = OpenApiMerger.merge(sources(Path.of(args[0]), true), SETTINGS);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, merged.encodePrettily(), StandardCharsets.UTF_8);
    }
}
