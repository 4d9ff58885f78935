package org.anaiss.stats.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.domain.TableDefinition;
import org.anaiss.stats.repository.SnapshotRepository.StoredSnapshot;
import org.anaiss.stats.rest.api.TableView;
import org.anaiss.stats.service.TableAnswer;
import org.anaiss.stats.service.TableQuery;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

class TableViewsTest {

    @Test
    void theStreamedJsonIsTheDocumentOfTheTableView() throws Exception {
        TableDefinition table = new TableDefinition("case-service", "cases_opened", List.of(Dimension.REGION, Dimension.SEX),
                Map.of(Dimension.REGION, List.of("BRETAGNE", "NORMANDIE"), Dimension.SEX, List.of("FEMALE", "MALE")));
        TableQuery query = new TableQuery(table, Granularity.MONTH, "2026-01", "2026-02", List.of(Dimension.SEX),
                Map.of(Dimension.REGION, List.of("BRETAGNE")));
        Instant t = Instant.parse("2026-03-01T10:15:30.123Z");
        List<StoredSnapshot> sources = List.of(new StoredSnapshot(1, "2026-01", 7, "e1", t, t, "dev1", 0.5, List.of()),
                new StoredSnapshot(2, "2026-02", 9, "e2", t, t, "dev1", 0.5, List.of("NORMANDIE")));
        TableAnswer answer = new TableAnswer(query, List.of(Dimension.REGION, Dimension.SEX), List.of(
                new TableAnswer.Row("2026-01", new String[] { "BRETAGNE", "FEMALE" }, 42),
                new TableAnswer.Row("2026-01", new String[] { "BRETAGNE", "MALE" }, null),
                new TableAnswer.Row("2026-02", new String[] { "BRETAGNE", "FEMALE" }, 12),
                new TableAnswer.Row("2026-02", new String[] { "BRETAGNE", "MALE" }, 0),
                new TableAnswer.Row("2026-02", new String[] { "NORMANDIE", "MALE" }, null, TableAnswer.UNIT_TOO_SMALL)), sources, t,
                new TableAnswer.Protection("noise", 0.5, 11, "dev1"));
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        byte[] streamed = TableViews.jsonBytes(answer, mapper);

        assertThat(mapper.readTree(streamed)).isEqualTo(mapper.readTree(mapper.writeValueAsBytes(asTableView(answer))));
        assertThat(new String(streamed)).contains("{\"period\":\"2026-01\",\"region\":\"BRETAGNE\",\"sex\":\"MALE\",\"value\":null,"
                + "\"masked\":true,\"reason\":\"below-threshold\"}");
        assertThat(new String(streamed)).contains("{\"period\":\"2026-02\",\"region\":\"NORMANDIE\",\"sex\":\"MALE\",\"value\":null,"
                + "\"masked\":true,\"reason\":\"unit-too-small\"}");
        assertThat(new String(streamed)).contains("{\"period\":\"2026-02\",\"region\":\"BRETAGNE\",\"sex\":\"MALE\",\"value\":0,"
                + "\"masked\":false}");
    }

    /** The same answer as the documented model, a map per row: what the streamed JSON must equal. */
    private static TableView asTableView(TableAnswer answer) {
        List<Map<String, Object>> rows = new ArrayList<>(answer.rows().size());
        for (TableAnswer.Row r : answer.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", r.period());
            for (int i = 0; i < answer.dimensions().size(); i++) {
                row.put(answer.dimensions().get(i).apiName(), r.values()[i]);
            }
            row.put("value", r.value());
            row.put("masked", r.masked());
            if (r.reason() != null) {
                row.put("reason", r.reason());
            }
            rows.add(row);
        }
        return new TableView(TableViews.metadata(answer), rows);
    }
}
