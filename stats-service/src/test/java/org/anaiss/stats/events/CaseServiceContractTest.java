package org.anaiss.stats.events;

import org.anaiss.stats.domain.SnapshotMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.service.SchemaCatalog;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Snapshots;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract as case-service owns it, read from its module (not the copy): stats-service reads
 * its tables and dimensions, accepts what it may send, refuses anything more, and the copy bundled
 * at build time is the producer's schema, byte for byte.
 */
class CaseServiceContractTest {

    static final Path SOURCE = Path.of("../case-service/src/main/resources/schemas/stats-aggregates.v2.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static SchemaCatalog catalog() throws IOException {
        return new SchemaCatalog(Map.of("case-service", List.of(Files.readString(SOURCE))));
    }

    private static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    @Test
    void theBundledSchemaIsTheProducersOwn() throws IOException {
        Path bundled = Path.of("target/classes/schemas/case-service/stats-aggregates.v2.json");
        assertThat(Files.readString(bundled)).isEqualTo(Files.readString(SOURCE));
    }

    @Test
    void theProducerDeclaresItsThreeTablesAsTheReleasePolicyAllows() throws IOException {
        SchemaCatalog catalog = catalog();
        assertThat(catalog.tables()).extracting(TableDefinition::measure)
                .containsExactlyInAnyOrder("cases_opened", "cases_closed", "persons_accompanied");
        for (TableDefinition table : catalog.tables()) {
            assertThat(org.anaiss.stats.domain.ReleasePolicy.refusal(table)).as(table.measure()).isEmpty();
        }
        TableDefinition closed = catalog.table("case-service", "cases_closed").orElseThrow();
        assertThat(closed.dimensions()).as("an outcome: no region").containsExactly(Dimension.AGE_BAND, Dimension.SEX,
                Dimension.THEME, Dimension.ORIGIN);
        assertThat(closed.suppressible()).isFalse();
        assertThat(catalog.table("case-service", "persons_accompanied").orElseThrow().suppressible()).isTrue();
        TableDefinition opened = catalog.table("case-service", "cases_opened").orElseThrow();
        assertThat(opened.dimensions()).containsExactly(Dimension.REGION, Dimension.AGE_BAND, Dimension.SEX, Dimension.THEME,
                Dimension.ORIGIN);
        assertThat(opened.domain(Dimension.REGION)).hasSize(16).contains("RHONE_ALPES");
        assertThat(opened.domain(Dimension.AGE_BAND)).containsExactly("UNDER_25", "25_39", "40_54", "55_64", "65_PLUS");
        assertThat(opened.domain(Dimension.SEX)).containsExactly("FEMALE", "MALE", "UNKNOWN");
        assertThat(opened.domain(Dimension.THEME)).hasSize(7);
        assertThat(opened.domain(Dimension.ORIGIN)).hasSize(5);
    }

    @Test
    void aReleaseAsTheProducerSendsItIsAcceptedWithItsSuppressedRegions() throws IOException {
        SnapshotParser parser = new SnapshotParser(catalog(), 8_388_608);
        Cube cube = new Cube(5).add(12, "BRETAGNE", "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL")
                .add(20, "NORMANDIE", "40_54", "MALE", "OTHER", "SELF");
        for (String[] p : new String[][] { { "MONTH", "2026-02" }, { "QUARTER", "2026-Q1" }, { "YEAR", "2026" } }) {
            String key = Snapshots.key("persons_accompanied", p[0], p[1]);
            SnapshotMessage s = parser.parse(key, json(Snapshots.snapshot("persons_accompanied", p[0], p[1], 7,
                    Snapshots.suppressing(cube.cells(), "NORMANDIE"))));
            assertThat(s.granularity()).isEqualTo(Granularity.valueOf(p[0]));
            assertThat(s.suppressedRegions()).containsExactly("NORMANDIE");
            // the cells without a region (16 grouping sets, two values each but the total) and BRETAGNE's 16
            assertThat(s.cells()).noneMatch(c -> "NORMANDIE".equals(c.values()[0]));
            assertThat(s.cells()).anyMatch(c -> c.values()[0] == null && c.count() == 32);
        }
        Cube closed = new Cube(4).add(12, "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL");
        SnapshotMessage s = parser.parse(Snapshots.key("cases_closed", "YEAR", "2025"),
                json(Snapshots.snapshot("cases_closed", "YEAR", "2025", 3, closed.cells())));
        assertThat(s.cells()).hasSize(16);
    }

    @Test
    void aMarkerIsRefusedWhereTheContractDoesNotAllowIt() throws IOException {
        SnapshotParser parser = new SnapshotParser(catalog(), 8_388_608);
        List<List<Object>> onClosed = new ArrayList<>(new Cube(4).add(12, "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL").cells());
        onClosed.add(java.util.Arrays.asList("40_54", null, null, null, "unit-too-small"));
        assertRefused(parser, Snapshots.key("cases_closed", "YEAR", "2025"),
                json(Snapshots.snapshot("cases_closed", "YEAR", "2025", 3, onClosed)), "schema", null);
        List<List<Object>> otherMarker = new ArrayList<>(new Cube(5).add(12, "BRETAGNE", "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL").cells());
        otherMarker.add(java.util.Arrays.asList("NORMANDIE", null, null, null, null, "two-teams-only"));
        assertRefused(parser, Snapshots.key("cases_opened", "YEAR", "2025"),
                json(Snapshots.snapshot("cases_opened", "YEAR", "2025", 3, otherMarker)), "schema", "two-teams-only");
    }

    @Test
    void anythingMoreThanTheContractIsRefusedAtEveryLevel() throws IOException {
        SnapshotParser parser = new SnapshotParser(catalog(), 8_388_608);
        String key = Snapshots.key("cases_opened", "MONTH", "2026-03");
        Cube cube = new Cube(5).add(12, "BRETAGNE", "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL");

        Map<String, Object> envelope = Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1, cube.cells());
        envelope.put("team", "RA-LYON");
        assertRefused(parser, key, json(envelope), "additionalProperties", "RA-LYON");

        Map<String, Object> data = Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1, cube.cells());
        Snapshots.data(data).put("assignee", "alice");
        assertRefused(parser, key, json(data), "additionalProperties", "alice");

        List<List<Object>> cells = new ArrayList<>(cube.cells());
        List<Object> withPerson = new ArrayList<>(cells.get(0));
        withPerson.add("person-4242");
        cells.set(0, withPerson);
        assertRefused(parser, key, json(Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1, cells)), "items",
                "person-4242");

        Map<String, Object> dims = Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1, cube.cells());
        Snapshots.data(dims).put("dimensions", List.of("region", "ageBand", "sex", "theme", "team"));
        assertRefused(parser, key, json(dims), "const", null);

        Map<String, Object> negative = Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1,
                List.of(List.of("BRETAGNE", "65_PLUS", "UNKNOWN", "OTHER", "HOSPITAL", -3)));
        assertRefused(parser, key, json(negative), "minimum", null);

        Map<String, Object> badId = Snapshots.snapshot("cases_opened", "MONTH", "2026-03", 1, cube.cells());
        badId.put("id", "Jean Dupont");
        assertRefused(parser, key, json(badId), "pattern", "Dupont");
    }

    @Test
    void aProducerSchemaGivingAnOutcomeARegionStopsTheService() throws IOException {
        var schema = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(SOURCE));
        var measures = (com.fasterxml.jackson.databind.node.ArrayNode) schema.at("/properties/data/allOf/0/if/properties/measure/enum");
        measures.add("cases_closed");
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema.at("/properties/data/allOf/1/if/properties/measure"))
                .put("const", "cases_reopened");
        String withRegionalClosures = JSON.writeValueAsString(schema);
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("case-service", List.of(withRegionalClosures))))
                .hasMessageContaining("release policy");
    }

    private static void assertRefused(SnapshotParser parser, String key, String payload, String keyword, String secret) {
        assertThatThrownBy(() -> parser.parse(key, payload)).isInstanceOf(RejectedMessageException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(keyword);
                    if (secret != null) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
    }

    @Test
    void aProducerSchemaWithADimensionOutsideTheAllowedListStopsTheService() throws IOException {
        var schema = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readString(SOURCE));
        var dimensions = (com.fasterxml.jackson.databind.node.ArrayNode) schema
                .at("/properties/data/allOf/0/then/properties/dimensions/const");
        dimensions.set(4, "team");
        String withTeam = JSON.writeValueAsString(schema);
        assertThatThrownBy(() -> new SchemaCatalog(Map.of("case-service", List.of(withTeam))))
                .hasMessageContaining("'team' is not an allowed dimension");
    }
}
