package org.anaiss.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The CRD-schema subset validator behaves like the API server's strict validation. */
class StructuralSchemaTest {

    private static final StructuralSchema SCHEMA = new StructuralSchema(tree("""
            type: object
            required: [spec]
            properties:
              spec:
                type: object
                required: [size]
                properties:
                  size: {type: string, pattern: '^[0-9]+Gi$'}
                  count: {type: integer, minimum: 1}
                  mode: {type: string, enum: [a, b]}
                  labels: {type: object, additionalProperties: {type: string}}
                  free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  port: {x-kubernetes-int-or-string: true}
                  list: {type: array, items: {type: boolean}}
                  resources: {x-anaiss-java-type: io.fabric8.kubernetes.api.model.ResourceRequirements}
            """));

    private static JsonNode tree(String yaml) {
        return StrictParser.documents(yaml).get(0);
    }

    private static List<String> check(String yaml) {
        return SCHEMA.validate(tree(yaml));
    }

    @Test
    void aValidTreePasses() {
        assertThat(check("""
                spec: {size: 2Gi, count: 2, mode: a, labels: {x: y}, free: {any: [thing]}, port: http, list: [true],
                       resources: {limits: {cpu: "1"}}}
                """)).isEmpty();
    }

    @Test
    void unknownFieldsAreRejectedUnlessPreservedOrAMap() {
        assertThat(check("{spec: {size: 1Gi, sise: 1Gi}}")).containsExactly("spec.sise: unknown field");
        assertThat(check("{spec: {size: 1Gi}, status: {}}")).containsExactly("status: unknown field");
    }

    @Test
    void typesRequiredEnumsPatternsAndRangesAreChecked() {
        assertThat(check("{spec: {count: 0, mode: c, labels: {x: 1}, port: 1.5, list: [yes-please]}}")).containsExactlyInAnyOrder(
                "spec.size: required",
                "spec.count: below the minimum 1",
                "spec.mode: \"c\" is not one of [\"a\",\"b\"]",
                "spec.labels.x: must be a string, not NUMBER",
                "spec.port: must be an integer or a string",
                "spec.list[0]: must be true or false, not STRING");
        assertThat(check("{spec: {size: 10GB}}")).containsExactly("spec.size: '10GB' does not match ^[0-9]+Gi$");
    }

    @Test
    void aJavaTypeSubtreeIsParsedStrictly() {
        assertThat(check("{spec: {size: 1Gi, resources: {limitz: {}}}}")).singleElement().asString()
                .startsWith("spec.resources: ").contains("limitz");
    }

    @Test
    void aSchemaWithAnUnsupportedKeywordIsRefused() {
        // a keyword the validator ignored would make the schema look stricter than it is
        assertThatThrownBy(() -> new StructuralSchema(tree("{type: object, oneOf: [{}]}")))
                .hasMessageContaining("unsupported keyword oneOf");
    }

    @Test
    void everyShippedSchemaLoads() {
        StrictParser.SCHEMAS.values().forEach(StrictParser::schema);
    }
}
