package org.anaiss.stats.events;

import org.anaiss.stats.domain.SnapshotMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.ReleasePolicy;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.service.SchemaCatalog;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * outreach-service's contract, read from its module: stats-service understands every table it
 * declares, as the release policy allows it, and the copy bundled at build time is the producer's own.
 */
class OutreachServiceContractTest {

    static final Path SOURCE = Path.of("../outreach-service/src/main/resources/schemas/stats-aggregates.v2.json");

    private static SchemaCatalog catalog() throws IOException {
        return new SchemaCatalog(Map.of("outreach-service", List.of(Files.readString(SOURCE))));
    }

    @Test
    void everyOutreachTableIsReadWithTheDimensionsThePolicyAllows() throws IOException {
        SchemaCatalog catalog = catalog();
        assertThat(catalog.tables()).extracting(TableDefinition::measure).containsExactlyInAnyOrder("offers_sent",
                "people_invited", "offer_responses", "people_registered", "people_attended", "sessions_held");
        for (TableDefinition table : catalog.tables()) {
            assertThat(ReleasePolicy.refusal(table)).as(table.measure()).isEmpty();
        }
        assertThat(catalog.table("outreach-service", "offer_responses").orElseThrow().dimensions())
                .containsExactly(Dimension.SIGNAL_TYPE, Dimension.CHANNEL, Dimension.RESPONSE);
        assertThat(catalog.table("outreach-service", "sessions_held").orElseThrow().dimensions())
                .containsExactly(Dimension.ACTION_THEME);
        assertThat(catalog.table("outreach-service", "offers_sent").orElseThrow().suppressible()).isTrue();
        assertThat(Files.readString(Path.of("target/classes/schemas/outreach-service/stats-aggregates.v2.json")))
                .isEqualTo(Files.readString(SOURCE));
    }

    @Test
    void aReleaseAsOutreachSendsItIsAcceptedWithItsSuppressedRegions() throws IOException {
        SnapshotParser parser = new SnapshotParser(catalog(), 8_388_608);
        String key = "outreach-service/offers_sent/MONTH/2025-03";
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("producer", "outreach-service");
        data.put("measure", "offers_sent");
        data.put("granularity", "MONTH");
        data.put("period", "2025-03");
        data.put("version", 5);
        data.put("released", true);
        data.put("dimensions", List.of("region", "signalType", "channel"));
        data.put("cells", List.of(Arrays.asList(null, null, null, 40), Arrays.asList("BRETAGNE", null, null, 25),
                Arrays.asList("NORMANDIE", null, null, "unit-too-small")));
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", "5b0e4c1e-6a54-4f83-9d7c-0d6f2f1e3c11");
        event.put("source", "/anaiss/outreach-service");
        event.put("type", "org.anaiss.stats.AggregateSnapshot.v2");
        event.put("time", "2025-05-16T02:00:00Z");
        event.put("datacontenttype", "application/json");
        event.put("subject", key);
        event.put("data", data);
        SnapshotMessage s = parser.parse(key, new ObjectMapper().writeValueAsString(event));
        assertThat(s.suppressedRegions()).containsExactly("NORMANDIE");
        assertThat(s.cells()).hasSize(2);
    }
}
