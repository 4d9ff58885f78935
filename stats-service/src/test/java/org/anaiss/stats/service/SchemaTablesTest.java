package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;
import org.junit.jupiter.api.Test;

/**
 * Any producer schema that follows the convention of docs/stats.md: outreach-service's tables,
 * declared per measure with oneOf or if/then branches, are read as well as case-service's.
 */
class SchemaTablesTest {

    private static String schema(String dataVariants) {
        return """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false,
                 "properties": {"data": {"type": "object",
                   "properties": {"producer": {"const": "outreach-service"},
                                  "measure": {"enum": ["offers_sent", "offer_responses", "sessions_held"]}},
                   %s}},
                 "$defs": {"region": {"enum": ["BRETAGNE", "NORMANDIE", null]},
                           "channel": {"enum": ["EMAIL", "LETTER", "PHONE", null]}}}
                """.formatted(dataVariants);
    }

    private static final String ONE_OF = """
            "oneOf": [
              {"properties": {"measure": {"const": "offers_sent"}, "dimensions": {"const": ["region", "signalType", "channel"]},
                 "cells": {"type": "array", "items": {"prefixItems": [{"$ref": "#/$defs/region"},
                    {"enum": ["SICK_LEAVE_90_DAYS", "OTHER", null]}, {"$ref": "#/$defs/channel"},
                    {"anyOf": [{"type": "integer"}, {"const": "unit-too-small"}]}]}}}},
              {"properties": {"measure": {"enum": ["sessions_held"]}, "dimensions": {"const": ["actionTheme"]},
                 "cells": {"items": {"prefixItems": [{"enum": ["WORKSHOP_BUDGET", null]},
                    {"type": "integer", "minimum": 0}]}}}}]
            """;

    private static final String IF_THEN = """
            "allOf": [{"if": {"properties": {"measure": {"const": "offer_responses"}}},
                       "then": {"properties": {"dimensions": {"const": ["signalType", "channel", "response"]},
                          "cells": {"items": {"prefixItems": [{"enum": ["OTHER", null]},
                             {"$ref": "#/$defs/channel"}, {"enum": ["ACCEPTED", "DECLINED", "POSTPONED", null]},
                             {"type": "integer"}]}}}}}]
            """;

    @Test
    void tablesDeclaredInOneOfAndIfThenBranchesAreRead() {
        SchemaCatalog catalog = new SchemaCatalog(Map.of("outreach-service", List.of(schema(ONE_OF + "," + IF_THEN))));
        assertThat(catalog.tables()).extracting(TableDefinition::measure)
                .containsExactlyInAnyOrder("offers_sent", "sessions_held", "offer_responses");
        TableDefinition responses = catalog.table("outreach-service", "offer_responses").orElseThrow();
        assertThat(responses.dimensions()).containsExactly(Dimension.SIGNAL_TYPE, Dimension.CHANNEL, Dimension.RESPONSE);
        assertThat(responses.suppressible()).isFalse();
        assertThat(catalog.table("outreach-service", "offers_sent").orElseThrow().suppressible()).isTrue();
        assertThat(responses.domain(Dimension.RESPONSE)).containsExactly("ACCEPTED", "DECLINED", "POSTPONED");
        assertThat(catalog.table("outreach-service", "sessions_held").orElseThrow().domain(Dimension.ACTION_THEME))
                .containsExactly("WORKSHOP_BUDGET");
    }

    @Test
    void aDimensionWithoutItsAllValueOrWithFreeTextIsRefused() {
        String noNull = ONE_OF.replace("{\"enum\": [\"WORKSHOP_BUDGET\", null]}", "{\"enum\": [\"WORKSHOP_BUDGET\"]}");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(noNull)))))
                .hasMessageContaining("null = all values");
        String freeText = ONE_OF.replace("{\"enum\": [\"WORKSHOP_BUDGET\", null]}", "{\"type\": [\"string\", \"null\"]}");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(freeText)))))
                .hasMessageContaining("null = all values");
    }

    @Test
    void aCountThatIsNeitherAnIntegerNorTheMarkerIsRefused() {
        String other = ONE_OF.replace("{\"const\": \"unit-too-small\"}", "{\"const\": \"few-staff\"}");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(other)))))
                .hasMessageContaining("the last item of a cell must be the integer count");
    }

    @Test
    void aRegionalTableWithoutTheMarkerOrANationalOneWithARegionIsRefusedByThePolicy() {
        String noMarker = ONE_OF.replace("{\"anyOf\": [{\"type\": \"integer\"}, {\"const\": \"unit-too-small\"}]}",
                "{\"type\": \"integer\"}");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(noMarker)))))
                .hasMessageContaining("release policy").hasMessageContaining("suppression marker");
        String regional = IF_THEN.replace("[\"signalType\", \"channel\", \"response\"]",
                "[\"region\", \"signalType\", \"channel\", \"response\"]")
                .replace("\"prefixItems\": [{\"enum\": [\"OTHER\", null]},", "\"prefixItems\": [{\"$ref\": \"#/$defs/region\"}, {\"enum\": [\"OTHER\", null]},");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(ONE_OF + "," + regional)))))
                .hasMessageContaining("release policy").hasMessageContaining("offer_responses");
    }

    @Test
    void aStaffDimensionInABranchIsRefused() {
        String staff = ONE_OF.replace("[\"actionTheme\"]", "[\"site\"]");
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("outreach-service", List.of(schema(staff)))))
                .hasMessageContaining("'site' is not an allowed dimension");
    }
}
