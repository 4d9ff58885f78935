package org.anaiss.outreach.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Kafka;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Schemas;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** Snapshots on stats-aggregates: conform to the schema, count what happened, freeze closed periods. */
@QuarkusTest
class StatsExporterTest {

    @Inject
    StatsExporter exporter;
    @Inject
    ObjectMapper json;

    @Test
    void snapshotsConformToTheSchemaAndCountOffersSent() throws Exception {
        String month = YearMonth.now(ZoneId.of("Europe/Paris")).toString();
        String key = "outreach-service/offers_sent/MONTH/" + month;
        exporter.export();
        long before = cell(latest(key), "RHONE_ALPES", null, "EMAIL");

        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        for (int i = 0; i < 2; i++) {
            Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", Mailbox.newAddress("stats"), day));
        }
        String campaign = Api.createCampaign(gilles, Api.campaign("Stats", "EMAIL", List.of("OTHER"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));

        assertThat(exporter.export()).isPositive();
        JsonNode snapshot = latest(key);
        assertThat(cell(snapshot, "RHONE_ALPES", null, "EMAIL")).isEqualTo(before + 2);
        assertThat(snapshot.at("/data/dimensions").toString()).isEqualTo("[\"region\",\"signalType\",\"channel\"]");
        assertThat(snapshot.at("/data/frozen").asBoolean()).isFalse();

        // every snapshot put in the outbox just now conforms to the published schema
        List<String> payloads = payloads("select payload from outbox_event where topic = 'stats-aggregates' "
                + "and created_at > now() - interval '2 minutes'");
        assertThat(payloads).isNotEmpty();
        for (String payload : payloads) {
            assertThat(Schemas.errors("stats-aggregates.v1.json", payload)).as(payload).isEmpty();
        }
        // and reaches the broker, keyed by table
        assertThat(Kafka.valuesWithKey("stats-aggregates", key, Duration.ofSeconds(30))).isNotEmpty();
    }

    @Test
    void aClosedPeriodIsPublishedFrozenOnceThenNeverRecomputed() {
        String lastYear = String.valueOf(LocalDate.now(ZoneId.of("Europe/Paris")).getYear() - 1);
        String key = "outreach-service/offer_responses/YEAR/" + lastYear;
        exporter.export();
        assertThat(Db.count("select count(*) from stats_snapshot where measure = 'offer_responses' and granularity = 'YEAR' "
                + "and period = ? and frozen", lastYear)).isEqualTo(1);
        long published = Db.count("select count(*) from outbox_event where record_key = ?", key);
        exporter.export();
        assertThat(Db.count("select count(*) from outbox_event where record_key = ?", key)).isEqualTo(published);
    }

    @Test
    void theSchemaRefusesAPerOfficerDimensionOrAPersonalField() {
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"5b0e4c1e-6a54-4f83-9d7c-0d6f2f1e3c11\",\"source\":\"/anaiss/outreach-service\","
                + "\"type\":\"org.anaiss.stats.AggregateSnapshot.v1\",\"time\":\"2026-11-29T10:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"subject\":\"outreach-service/offers_sent/MONTH/2026-11\",\"data\":{\"producer\":\"outreach-service\",\"measure\":\"offers_sent\","
                + "\"granularity\":\"MONTH\",\"period\":\"2026-11\",\"version\":1,\"frozen\":false,\"dimensions\":%s,\"cells\":%s%s}}";
        assertThat(Schemas.errors("stats-aggregates.v1.json", String.format(envelope,
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3],[\"RHONE_ALPES\",\"OTHER\",\"EMAIL\",3]]", ""))).isEmpty();
        assertThat(Schemas.errors("stats-aggregates.v1.json", String.format(envelope,
                "[\"region\",\"officer\",\"channel\"]", "[[null,\"gilles\",null,3]]", ""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v1.json", String.format(envelope,
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3,\"gilles\"]]", ""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v1.json", String.format(envelope,
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3]]", ",\"campaign\":\"Relance\""))).isNotEmpty();
    }

    private JsonNode latest(String key) throws Exception {
        List<String> list = payloads("select payload from outbox_event where record_key = '" + key.replace("'", "") + "' "
                + "order by position desc limit 1");
        return json.readTree(list.get(0));
    }

    private static long cell(JsonNode snapshot, String... dims) {
        for (JsonNode cell : snapshot.at("/data/cells")) {
            boolean match = true;
            for (int i = 0; i < dims.length; i++) {
                JsonNode v = cell.get(i);
                match &= dims[i] == null ? v.isNull() : dims[i].equals(v.asText());
            }
            if (match) {
                return cell.get(dims.length).asLong();
            }
        }
        return 0;
    }

    private static List<String> payloads(String sql) {
        List<String> list = new ArrayList<>();
        try (var c = Db.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                list.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return list;
    }
}
