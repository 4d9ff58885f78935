package org.anaiss.stats.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.service.SchemaCatalog;
import org.junit.jupiter.api.Test;

/** outreach-service's contract, read from its module: stats-service understands every table it declares. */
class OutreachServiceContractTest {

    static final Path SOURCE = Path.of("../outreach-service/src/main/resources/schemas/stats-aggregates.v1.json");

    @Test
    void everyOutreachTableIsReadWithItsAllowedDimensions() throws IOException {
        assumeTrue(Files.exists(SOURCE), "outreach-service publishes no stats-aggregates schema yet");
        SchemaCatalog catalog = new SchemaCatalog(Map.of("outreach-service", List.of(Files.readString(SOURCE))));
        assertThat(catalog.tables()).extracting(TableDefinition::measure).contains("offers_sent", "offer_responses",
                "sessions_held");
        assertThat(catalog.table("outreach-service", "offer_responses").orElseThrow().dimensions())
                .containsExactly(Dimension.REGION, Dimension.SIGNAL_TYPE, Dimension.CHANNEL, Dimension.RESPONSE);
        assertThat(catalog.table("outreach-service", "sessions_held").orElseThrow().dimensions())
                .containsExactly(Dimension.REGION, Dimension.ACTION_THEME);
        assertThat(Files.readString(Path.of("target/classes/schemas/outreach-service/stats-aggregates.v1.json")))
                .isEqualTo(Files.readString(SOURCE));
    }
}
