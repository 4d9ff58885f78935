package org.anaiss.platform.openapi;

import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes a service's generated OpenAPI document with what its annotations cannot say once for all
 * operations (registered with {@code mp.openapi.filter}):
 * <ul>
 * <li>every operation has an {@code operationId}: the one its {@code @Operation} gives, else one derived from
 * its method and path ({@code POST /api/cases/{caseId}/contacts} is {@code postCasesCaseIdContacts}), unique
 * within the suite because paths are;</li>
 * <li>every error response (4xx, 5xx, default) declares its body: {@code application/problem+json} with the
 * {@code Problem} schema (RFC 9457), which is what the services' exception mappers write.</li>
 * </ul>
 */
public class ContractFilter implements OASFilter {

    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    public static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        ensureProblemSchema(openAPI);
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            operations.forEach((method, operation) -> {
                if (operation.getOperationId() == null || operation.getOperationId().isBlank()) {
                    operation.setOperationId(operationId(method.name(), path.getKey()));
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().forEach((code, response) -> {
                        if (isError(code)) {
                            problemBody(response);
                        }
                    });
                }
            });
        }
    }

    /** {@code post} and {@code /api/cases/{caseId}/plan-steps} give {@code postCasesCaseIdPlanSteps}. */
    public static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            String word = segment.replace("{", "").replace("}", "");
            if (word.isEmpty() || word.equals("api")) {
                continue;
            }
            for (String part : word.split("[^A-Za-z0-9]+")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return id.toString();
    }

    static boolean isError(String code) {
        return "default".equals(code) || code.startsWith("4") || code.startsWith("5");
    }

    private static void problemBody(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        Content content = OASFactory.createContent()
                .addMediaType(PROBLEM_MEDIA_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
        response.setContent(content);
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription("Problem details (RFC 9457)");
        }
    }

    /** The services declare their own Problem record; a document without one gets the RFC's members. */
    private static void ensureProblemSchema(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() != null && components.getSchemas().containsKey(PROBLEM_SCHEMA)) {
            return;
        }
        components.addSchema(PROBLEM_SCHEMA, OASFactory.createSchema()
                .type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).format("uri"))
                .addProperty("title", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))));
    }
}
