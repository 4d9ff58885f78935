package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/**
 * The one OpenAPI document of the suite, merged by the gateway from the live services' documents:
 * every operation of every service, every reference resolved, the roles of each operation shown.
 * (The gateway's own tests also validate merges of these documents with swagger-parser.)
 */
class GatewayDocsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Set<String> PUBLIC = Set.of("/api/outreach/answers", "/api/outreach/registrations");

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void theMergedDocumentListsEveryOperationOfEveryServiceWithItsRoles() throws Exception {
        // the gateway fetched the documents while the services were starting: it fetches again within seconds
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> allServicesCurrent(merged()));
        JsonNode merged = merged();
        Set<String> expected = new TreeSet<>();
        Map<String, JsonNode> roles = new java.util.HashMap<>();
        for (Suite.Service service : new Suite.Service[] { Suite.Service.CASES, Suite.Service.OUTREACH, Suite.Service.STATS }) {
            JsonNode own = JSON.readTree(given().baseUri(Suite.get().url(service)).get("/q/openapi?format=json").asString());
            forEachOperation(own, (key, operation) -> {
                expected.add(key);
                roles.put(key, operation.path("security"));
            });
        }
        Set<String> listed = new TreeSet<>();
        List<String> withoutRoles = new ArrayList<>();
        forEachOperation(merged, (key, operation) -> {
            listed.add(key);
            String path = key.substring(key.indexOf(' ') + 1);
            boolean isPublic = PUBLIC.stream().anyMatch(p -> path.startsWith(p + "/"));
            JsonNode serviceRoles = roles.get(key);
            if (isPublic) {
                assertThat(operation.path("security").size()).as(key).isZero();
            } else if (serviceRoles != null && serviceRoles.size() > 0) {
                Set<String> wanted = new TreeSet<>();
                serviceRoles.get(0).elements().forEachRemaining(names -> names.forEach(n -> wanted.add(n.asText())));
                Set<String> shown = new TreeSet<>();
                operation.path("x-roles").forEach(n -> shown.add(n.asText()));
                assertThat(shown).as(key).isEqualTo(wanted);
                assertThat(operation.path("security").get(0).has("keycloak")).as(key).isTrue();
                if (shown.isEmpty()) {
                    withoutRoles.add(key);
                }
            }
        });
        assertThat(expected).hasSizeGreaterThan(60);
        assertThat(listed).isEqualTo(expected);
        assertThat(withoutRoles).isEmpty();
    }

    @Test
    void theMergedDocumentIsSelfContainedAndWellFormed() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> allServicesCurrent(merged()));
        JsonNode merged = merged();
        assertThat(merged.path("openapi").asText()).startsWith("3.1");
        assertThat(merged.path("info").path("title").asText()).isNotBlank();
        assertThat(merged.path("info").path("version").asText()).isNotBlank();
        List<String> schemes = new ArrayList<>();
        merged.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        assertThat(schemes).containsExactly("keycloak");
        // every reference points to a component of this document
        Matcher refs = Pattern.compile("\"\\$ref\":\"#/components/([A-Za-z]+)/([^\"]+)\"").matcher(JSON.writeValueAsString(merged));
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(merged.path("components").path(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
        }
        assertThat(count).isGreaterThan(50);
        // every operation has responses, and operation ids (when present) are unique
        Set<String> ids = new TreeSet<>();
        forEachOperation(merged, (key, operation) -> {
            assertThat(operation.path("responses").size()).as(key).isPositive();
            if (operation.has("operationId")) {
                assertThat(ids.add(operation.path("operationId").asText())).as(key).isTrue();
            }
        });
    }

    @Test
    void swaggerUiForTheMergedDocumentIsServedUnderApi() {
        given().get("/api/docs/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("swagger-ui-bundle.js"));
        given().get("/api/docs/docs.js").then().statusCode(200).body(containsString("/api/openapi.json"));
    }

    private static JsonNode merged() throws Exception {
        return JSON.readTree(given().get("/api/openapi.json").then().statusCode(200).extract().asString());
    }

    private static boolean allServicesCurrent(JsonNode merged) {
        for (JsonNode service : merged.path("x-anaiss-services")) {
            if (!"current".equals(service.path("status").asText())) {
                return false;
            }
        }
        return merged.path("x-anaiss-services").size() == 3;
    }

    private static void forEachOperation(JsonNode document, java.util.function.BiConsumer<String, JsonNode> action) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    action.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            }
        }
    }
}
