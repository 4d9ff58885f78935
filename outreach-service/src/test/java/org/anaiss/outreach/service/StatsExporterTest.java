package org.anaiss.outreach.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.anaiss.outreach.repository.StatsMeasures;
import org.anaiss.outreach.support.Actions;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.MutableClock;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Schemas;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Releases on stats-aggregates: only released periods, each exactly once; offers sent and people
 * invited by region under the staff rule (a region of fewer than three officers, or mostly of one, is a
 * marker; the national cells still count it); outcomes national only; the schema refuses more.
 */
@QuarkusTest
class StatsExporterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Inject
    StatsExporter exporter;
    @Inject
    ObjectMapper json;
    @Inject
    MutableClock clock;

    @BeforeEach
    void realTime() {
        clock.reset(); // "not released yet" is judged against the real date
    }

    /** A past year no release of the shared test database has used yet (1000-1099: far from real data). */
    private static int unusedYear() {
        int year;
        do {
            year = 1000 + ThreadLocalRandom.current().nextInt(100);
        } while (Db.count("select count(*) from stats_snapshot where period like ?", year + "%") > 0);
        return year;
    }

    /** A campaign of this officer in this region, with n offers sent on this day. */
    private static void offers(String region, String officer, int n, LocalDate day) throws SQLException {
        Instant sent = day.atTime(10, 0).atZone(PARIS).toInstant();
        try (Connection c = Db.connect()) {
            UUID campaign = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into campaign (id, region, name, signal_types, window_from, window_to, channel, subject, template,
                                          answer_deadline, status, created_at, created_by)
                    values (?, ?, 'Stats', 'OTHER', ?, ?, 'LETTER', 'Offre', 'Bonjour', ?, 'DONE', ?, ?)""")) {
                ps.setObject(1, campaign);
                ps.setString(2, region);
                ps.setObject(3, day.minusDays(10));
                ps.setObject(4, day);
                ps.setObject(5, day.plusDays(30));
                ps.setObject(6, sent.atOffset(ZoneOffset.UTC));
                ps.setString(7, officer);
                ps.executeUpdate();
            }
            for (int i = 0; i < n; i++) {
                UUID signal = UUID.randomUUID();
                String person = "stats-" + UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into signal (id, partner, person_key, person_ct, person_key_id, has_email, has_address, region,
                                            signal_type, signal_date, source_system, received_at)
                        values (?, 'test', ?, ?, 'dev1', false, true, ?, 'OTHER', ?, 'test', ?)""")) {
                    ps.setObject(1, signal);
                    ps.setString(2, person);
                    // a real ciphertext: a key rotation re-encrypts every row, these too
                    ps.setBytes(3, KeyRotationTest.only(KeyRotationTest.OLD).seal("{}", "signal:person:" + signal).ciphertext());
                    ps.setString(4, region);
                    ps.setObject(5, day.minusDays(5));
                    ps.setObject(6, sent.atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into offer (id, campaign_id, signal_id, person_key, region, signal_type, channel, status,
                                           expires_at, created_at, sent_at, answered_at)
                        values (?, ?, ?, ?, ?, 'OTHER', 'LETTER', ?, ?, ?, ?, ?)""")) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, campaign);
                    ps.setObject(3, signal);
                    ps.setString(4, person);
                    ps.setString(5, region);
                    ps.setString(6, i % 2 == 0 ? "ACCEPTED" : "DECLINED");
                    ps.setObject(7, sent.plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC));
                    ps.setObject(8, sent.atOffset(ZoneOffset.UTC));
                    ps.setObject(9, sent.atOffset(ZoneOffset.UTC));
                    ps.setObject(10, sent.plus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            }
        }
    }

    private JsonNode released(String key) throws Exception {
        List<String> payloads = payloads("select payload from outbox_event where record_key = '" + key.replace("'", "") + "'");
        assertThat(payloads).as(key + " released once").hasSize(1);
        assertThat(Schemas.errors("stats-aggregates.v2.json", payloads.get(0))).as(key).isEmpty();
        return json.readTree(payloads.get(0));
    }

    /** The last item of the cell with exactly these values (null = all), or null when absent. */
    private static JsonNode cell(JsonNode snapshot, String... dims) {
        for (JsonNode cell : snapshot.at("/data/cells")) {
            boolean match = true;
            for (int i = 0; i < dims.length && match; i++) {
                JsonNode v = cell.get(i);
                match = dims[i] == null ? v.isNull() : dims[i].equals(v.asText());
            }
            if (match) {
                return cell.get(dims.length);
            }
        }
        return null;
    }

    @Test
    void aReleasedPeriodLeavesOnceWithTheStaffRuleAndOutcomesNationalOnly() throws Exception {
        int year = unusedYear();
        LocalDate day = LocalDate.of(year, 3, 12);
        for (String officer : List.of("officer-o1", "officer-o2", "officer-o3")) {
            offers("RHONE_ALPES", officer, 10, day); // three officers, evenly: released
        }
        offers("BRETAGNE", "officer-b1", 10, day); // two officers: masked
        offers("BRETAGNE", "officer-b2", 10, day);
        offers("NORMANDIE", "officer-n1", 30, day); // three officers, one with most of it: masked
        offers("NORMANDIE", "officer-n2", 5, day);
        offers("NORMANDIE", "officer-n3", 5, day);

        String month = year + "-03";
        assertThat(exporter.export("MONTH", month)).isEqualTo(StatsMeasures.ALL.size());
        assertThat(exporter.export("MONTH", month)).as("released once").isZero();

        JsonNode sent = released("outreach-service/offers_sent/MONTH/" + month);
        assertThat(sent.at("/data/released").asBoolean()).isTrue();
        assertThat(cell(sent, "RHONE_ALPES", null, null).asLong()).isEqualTo(30);
        assertThat(cell(sent, "RHONE_ALPES", "OTHER", "LETTER").asLong()).isEqualTo(30);
        assertThat(cell(sent, "BRETAGNE", null, null).asText()).isEqualTo("unit-too-small");
        assertThat(cell(sent, "NORMANDIE", null, null).asText()).isEqualTo("unit-too-small");
        assertThat(cell(sent, "NORMANDIE", "OTHER", null)).as("nothing of a masked region but its marker").isNull();
        assertThat(cell(sent, null, null, null).asLong()).as("the national total counts every region").isEqualTo(90);
        assertThat(cell(sent, null, "OTHER", "LETTER").asLong()).isEqualTo(90);
        JsonNode responses = released("outreach-service/offer_responses/MONTH/" + month);
        assertThat(responses.at("/data/dimensions").toString()).isEqualTo("[\"signalType\",\"channel\",\"response\"]");
        assertThat(cell(responses, null, null, "ACCEPTED").asLong()).isEqualTo(46);
        for (String measure : List.of("sessions_held", "people_registered", "people_attended")) {
            assertThat(released("outreach-service/" + measure + "/MONTH/" + month).at("/data/dimensions").toString())
                    .isEqualTo("[\"actionTheme\"]");
        }
        assertThat(released("outreach-service/people_invited/MONTH/" + month).at("/data/cells").toString())
                .contains("\"unit-too-small\"");
        // names that cannot occur by chance in an event id or a time (a bare "b2" did, in a UUID)
        assertThat(released("outreach-service/offers_sent/MONTH/" + month).toString()).doesNotContain("officer-")
                .doesNotContain("stats-");
    }

    @Test
    void aPeriodNotReleasedNeverLeaves() {
        String thisMonth = YearMonth.now(PARIS).toString();
        assertThatThrownBy(() -> exporter.export("MONTH", thisMonth)).hasMessageContaining("not released");
        // 2 December 2026: September was released on 15 November, October is on 16 December
        List<String> labels = StatsExporter.released(Instant.parse("2026-12-02T18:00:00Z"), Duration.ofDays(100), PARIS,
                Duration.ofDays(45)).stream().map(StatsExporter.Period::label).toList();
        assertThat(labels).containsExactly("2026-07", "2026-08", "2026-09", "2026-Q3");
        // counted before and after: a database upgraded from schema v1 still holds the sent rows of the hourly recomputations
        long outboxBefore = Db.count("select count(*) from outbox_event where record_key like ?", "outreach-service/%/MONTH/" + thisMonth);
        exporter.export();
        assertThat(Db.count("select count(*) from stats_snapshot where period = ?", thisMonth)).isZero();
        assertThat(Db.count("select count(*) from outbox_event where record_key like ?", "outreach-service/%/MONTH/" + thisMonth))
                .isEqualTo(outboxBefore);
    }

    @Test
    void campaignsAndCollectiveActionsRecordTheOfficerWhoCreatedThem() {
        String gilles = Tokens.user("gilles");
        String campaign = Api.createCampaign(gilles, Api.campaign("Créateur", "EMAIL", List.of("OTHER"), Nirs.uniqueDay()));
        assertThat(Db.string("select created_by from campaign where id = ?::uuid", campaign)).isEqualTo("gilles");
        String[] action = Actions.create(gilles, Actions.action("JOB_RETENTION",
                List.of(Actions.session(Instant.now().plus(Duration.ofDays(10)), 20))));
        assertThat(Db.string("select created_by from collective_action where id = ?::uuid", action[0])).isEqualTo("gilles");
    }

    @Test
    void theSchemaRefusesAPerOfficerDimensionAPersonalFieldOrAnUnreleasedPeriod() {
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"5b0e4c1e-6a54-4f83-9d7c-0d6f2f1e3c11\",\"source\":\"/anaiss/outreach-service\","
                + "\"type\":\"org.anaiss.stats.AggregateSnapshot.v2\",\"time\":\"2026-11-29T10:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"subject\":\"outreach-service/offers_sent/MONTH/2026-09\",\"data\":{\"producer\":\"outreach-service\",\"measure\":\"offers_sent\","
                + "\"granularity\":\"MONTH\",\"period\":\"2026-09\",\"version\":1,\"released\":%s,\"dimensions\":%s,\"cells\":%s%s}}";
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "true",
                "[\"region\",\"signalType\",\"channel\"]",
                "[[null,null,null,3],[\"RHONE_ALPES\",\"OTHER\",\"EMAIL\",3],[\"BRETAGNE\",null,null,\"unit-too-small\"]]", "")))
                .isEmpty();
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "true",
                "[\"region\",\"officer\",\"channel\"]", "[[null,\"gilles\",null,3]]", ""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "true",
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3,\"gilles\"]]", ""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "true",
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3]]", ",\"campaign\":\"Relance\""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "false",
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,3]]", ""))).isNotEmpty();
        assertThat(Schemas.errors("stats-aggregates.v2.json", String.format(envelope, "true",
                "[\"region\",\"signalType\",\"channel\"]", "[[null,null,null,\"two-officers\"]]", ""))).isNotEmpty();
    }

    private static List<String> payloads(String sql) {
        List<String> list = new ArrayList<>();
        try (var c = Db.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                list.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return list;
    }
}
