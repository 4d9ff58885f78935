package org.anaiss.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.anaiss.gateway.openapi.OpenApiMerger.Source;
import org.anaiss.gateway.openapi.OpenApiMerger.Status;
import org.junit.jupiter.api.Test;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The merge of the real services' documents, as their builds wrote them (see {@link MergedDocument}). */
class OpenApiMergerTest {

    private static final OpenApiMerger.Settings SETTINGS = MergedDocument.SETTINGS;
    /** Where gateway/pom.xml copies the documents the services' builds wrote. */
    private static final Path DOCUMENTS = documents();

    private static Path documents() {
        try {
            return Path.of(OpenApiMergerTest.class.getResource("/openapi").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no openapi/ among the test resources: gateway/pom.xml copies the services' documents", e);
        }
    }

    static JsonObject document(String service) {
        return MergedDocument.service(DOCUMENTS, service);
    }

    static List<Source> sources(boolean withStats) {
        return MergedDocument.sources(DOCUMENTS, withStats);
    }

    /** "METHOD path" of every operation of a document. */
    static Set<String> operations(JsonObject document) {
        Set<String> operations = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                operations.add(method.toUpperCase() + " " + path);
            }
        }
        return operations;
    }

    static SwaggerParseResult parse(JsonObject merged) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(merged.encode(), null, options);
    }

    /** What each service's build wrote tells the truth: ids, problem bodies, the success statuses the code answers. */
    @Test
    void everyOperationHasAnIdAndEveryErrorItsProblemBody() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        Set<String> ids = new TreeSet<>();
        JsonObject paths = merged.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject op = paths.getJsonObject(path).getJsonObject(method);
                String key = method.toUpperCase() + " " + path;
                assertThat(op.getString("operationId")).as(key).isNotBlank();
                assertThat(ids.add(op.getString("operationId"))).as(key + " id unique").isTrue();
                JsonObject responses = op.getJsonObject("responses");
                assertThat(responses.fieldNames().stream().filter(c -> c.startsWith("4"))).as(key + " declares a 4xx").isNotEmpty();
                for (String code : responses.fieldNames()) {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        JsonObject content = responses.getJsonObject(code).getJsonObject("content");
                        assertThat(content).as(key + " " + code).isNotNull();
                        assertThat(content.getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"))
                                .as(key + " " + code).endsWith("Problem");
                    }
                }
            }
        }
        assertThat(successes(paths, "post", "/api/outreach/campaigns")).containsExactly("201");
        assertThat(successes(paths, "post", "/api/outreach/campaigns/{id}/launch")).containsExactly("202");
        assertThat(successes(paths, "post", "/api/outreach/actions/{id}/invitations")).containsExactly("202");
        assertThat(successes(paths, "post", "/api/outreach/objections")).containsExactly("204");
        assertThat(successes(paths, "post", "/api/partners/signals")).containsExactly("201");
        assertThat(successes(paths, "post", "/api/stats/admin/rebuild")).containsExactly("202");
        assertThat(successes(paths, "post", "/api/cases")).containsExactly("201");
    }

    private static List<String> successes(JsonObject paths, String method, String path) {
        return paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses").fieldNames().stream()
                .filter(c -> c.startsWith("2")).sorted().toList();
    }

    @Test
    void theMergedDocumentIsValidOpenApi() {
        SwaggerParseResult result = parse(OpenApiMerger.merge(sources(true), SETTINGS));
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void theValidationWouldCatchAReferenceLeftUnrenamed() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        merged.getJsonObject("paths").getJsonObject("/api/cases/{caseId}").getJsonObject("get").getJsonObject("responses")
                .put("418", new JsonObject().put("description", "x").put("content", new JsonObject().put("application/json",
                        new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/CaseView")))));
        assertThat(parse(merged).getMessages()).isNotEmpty();
    }

    @Test
    void everyJsonRequestBodyHasAnExampleThatIsJson() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        List<String> without = new ArrayList<>();
        int bodies = 0;
        JsonObject paths = merged.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject body = paths.getJsonObject(path).getJsonObject(method).getJsonObject("requestBody");
                JsonObject json = body == null ? null : body.getJsonObject("content").getJsonObject("application/json");
                if (json == null) {
                    continue; // no body, or a file upload (its bytes are the example)
                }
                bodies++;
                JsonObject schema = json.getJsonObject("schema");
                if (schema.containsKey("$ref")) {
                    schema = schemas.getJsonObject(schema.getString("$ref").substring("#/components/schemas/".length()));
                }
                Object example = json.containsKey("example") ? json.getValue("example")
                        : schema.containsKey("example") ? schema.getValue("example")
                        : schema.containsKey("examples") ? schema.getJsonArray("examples").getValue(0) : null;
                // an example the generator could not read as JSON stays a string: a typo in it fails here too
                if (!(example instanceof JsonObject)) {
                    without.add(method.toUpperCase() + " " + path);
                }
            }
        }
        assertThat(bodies).isGreaterThan(25);
        assertThat(without).isEmpty();
    }

    @Test
    void itListsEveryOperationOfEveryService() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        Set<String> expected = new TreeSet<>();
        for (String service : List.of("case-service", "outreach-service", "stats-service")) {
            expected.addAll(operations(document(service)));
        }
        assertThat(expected).hasSizeGreaterThan(60);
        assertThat(operations(merged)).isEqualTo(expected);
    }

    @Test
    void everyReferencePointsToAComponentOfTheMergedDocument() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        String text = merged.encode();
        Matcher refs = Pattern.compile("\"\\$ref\":\"#/components/([A-Za-z]+)/([^\"]+)\"").matcher(text);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(merged.getJsonObject("components").getJsonObject(refs.group(1)).containsKey(refs.group(2)))
                    .as(refs.group(0)).isTrue();
            assertThat(refs.group(2)).matches("(case|outreach|stats)-service\\..+");
        }
        assertThat(count).isGreaterThan(50);
        // both services have a Problem schema: each keeps its own
        assertThat(merged.getJsonObject("components").getJsonObject("schemas").fieldNames())
                .contains("case-service.Problem", "outreach-service.Problem", "stats-service.Problem");
    }

    @Test
    void eachOperationShowsTheRolesItNeedsUnderTheOneKeycloakScheme() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        JsonObject getCase = merged.getJsonObject("paths").getJsonObject("/api/cases/{caseId}").getJsonObject("get");
        assertThat(getCase.getJsonArray("x-roles").getList()).containsExactlyInAnyOrder("social-worker", "team-lead");
        assertThat(getCase.getJsonArray("security").getJsonObject(0).getJsonArray(OpenApiMerger.SCHEME).getList())
                .containsExactlyInAnyOrder("social-worker", "team-lead");
        assertThat(getCase.getString("description")).contains("**Roles:**", "`social-worker`");
        JsonObject whoami = merged.getJsonObject("paths").getJsonObject("/api/partners/whoami").getJsonObject("get");
        assertThat(whoami.getJsonArray("x-roles").getList()).containsExactly("signal-sender");
        assertThat(merged.getJsonObject("components").getJsonObject("securitySchemes").fieldNames())
                .containsExactly(OpenApiMerger.SCHEME);
    }

    @Test
    void thePublicLinksAreShownWithoutToken() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        JsonObject answer = merged.getJsonObject("paths").getJsonObject("/api/outreach/answers/{token}").getJsonObject("post");
        assertThat(answer.getJsonArray("security")).isEmpty();
        assertThat(answer.getBoolean("x-public")).isTrue();
        assertThat(answer.getString("description")).contains("**Public:**");
    }

    @Test
    void everyOperationOutsideThePublicLinksNamesItsRolesOrAnyToken() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        List<String> withoutRoles = new ArrayList<>();
        JsonObject paths = merged.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                if (!operation.getBoolean("x-public", false) && operation.getJsonArray("x-roles", new JsonArray()).isEmpty()) {
                    withoutRoles.add(method + " " + path);
                }
            }
        }
        assertThat(withoutRoles).isEmpty();
    }

    @Test
    void tagsArePrefixedWithTheServicesLabel() {
        JsonObject merged = OpenApiMerger.merge(sources(true), SETTINGS);
        JsonArray tags = merged.getJsonArray("tags");
        assertThat(tags.stream().map(t -> ((JsonObject) t).getString("name")))
                .allMatch(name -> name.startsWith("Case files - ") || name.startsWith("Outreach - ") || name.startsWith("Statistics - ")
                        || List.of("Case files", "Outreach", "Statistics").contains(name));
    }

    @Test
    void aMissingServiceIsNamedAndTheRestStillServedAndValid() {
        JsonObject merged = OpenApiMerger.merge(sources(false), SETTINGS);
        assertThat(parse(merged).getMessages()).isEmpty();
        assertThat(merged.getJsonObject("info").getString("description")).contains("Missing right now", "stats-service");
        assertThat(merged.getJsonArray("x-anaiss-services").stream().map(s -> (JsonObject) s)
                .filter(s -> s.getString("name").equals("stats-service")).findFirst().orElseThrow().getString("status"))
                .isEqualTo("missing");
        assertThat(operations(merged)).noneMatch(op -> op.contains("/api/stats")).anyMatch(op -> op.contains("/api/cases"));
    }

    @Test
    void pathsAServiceDoesNotServeThroughTheGatewayAreLeftOut() {
        JsonObject foreign = document("stats-service");
        foreign.getJsonObject("paths").put("/internal/thing", new JsonObject().put("get", new JsonObject()
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")))));
        JsonObject merged = OpenApiMerger.merge(List.of(new Source("stats-service", "Statistics", List.of("/api/stats"), foreign,
                Status.CURRENT, Instant.now())), SETTINGS);
        assertThat(merged.getJsonObject("paths").fieldNames()).doesNotContain("/internal/thing").contains("/api/stats/tables");
    }
}
