package org.anaiss.cases.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.anaiss.cases.service.StatsPeriod;
import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.Schemas;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The statistics export, read back from the real broker: schema-valid snapshots, exact counts, and
 * nothing that could identify a person or a member of staff.
 */
@QuarkusTest
class StatsExportTest {

    static final Schema SCHEMA = Schemas.load("case-service/src/main/resources/schemas/stats-aggregates.v1.json");
    static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final Pattern NIR_LIKE = Pattern.compile("[12][0-9]{12}");
    static final Pattern EMAIL_LIKE = Pattern.compile("[^\\s\"@]+@[^\\s\"@]+\\.[a-z]{2,}");

    @Inject
    StatsExporter exporter;
    @Inject
    ObjectMapper json;

    @Test
    void snapshotsAreExactSchemaValidAndIdentifyNobody() throws Throwable {
        String month = StatsPeriod.containing(StatsPeriod.Granularity.MONTH, LocalDate.now(ZoneId.of("Europe/Paris"))).label();
        String key = "case-service/cases_opened/MONTH/" + month;
        List<Object> cell = List.of("NORMANDIE", "25_39", "FEMALE", "AUTONOMY", "HOSPITAL");
        List<Object> regionTotal = java.util.Arrays.asList("NORMANDIE", null, null, null, null);

        long before;
        long regionBefore;
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "stats-aggregates")) {
            VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow());
            JsonNode first = latest(tail, key);
            before = count(first, cell);
            regionBefore = count(first, regionTotal);
        }

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(insertCase("NORMANDIE", LocalDate.now().minusYears(30), "FEMALE", "AUTONOMY", "HOSPITAL"));
        }
        names.add(insertCase("NORMANDIE", LocalDate.now().minusYears(70), "MALE", "DISABILITY", "SELF"));

        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "stats-aggregates")) {
            VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow());
            List<ConsumerRecord<String, String>> all = Kafka.await(tail, r -> r.key().startsWith("case-service/"), 15,
                    Duration.ofSeconds(60));
            assertThat(all).as("cases_opened, cases_closed, persons_accompanied for the current periods").hasSizeGreaterThanOrEqualTo(9);
            for (ConsumerRecord<String, String> r : all) {
                assertThat(Schemas.errors(SCHEMA, r.value())).as(r.key()).isEmpty();
                assertThat(UUID_LIKE.matcher(r.value()).find()).as("no id of anything").isFalse();
                // the version (a timestamp in milliseconds) is the one long number a snapshot may carry
                String withoutVersion = r.value().replaceAll("\"version\":[0-9]+", "").replaceAll("@[0-9]+\"", "\"");
                assertThat(NIR_LIKE.matcher(withoutVersion).find()).as("no NIR").isFalse();
                assertThat(EMAIL_LIKE.matcher(r.value()).find()).as("no e-mail address").isFalse();
                for (String name : names) {
                    assertThat(r.value()).doesNotContain(name);
                }
                assertThat(r.value()).doesNotContain("RA-LYON").doesNotContain("alice").doesNotContain("team");
            }
            JsonNode latest = all.stream().filter(r -> r.key().equals(key)).map(r -> parse(r.value())).reduce((a, b) -> b).orElseThrow();
            assertThat(count(latest, cell)).isEqualTo(before + 3);
            assertThat(count(latest, regionTotal)).isEqualTo(regionBefore + 4);
        }
    }

    @Test
    void anAdministratorCanExportNowAndNobodyElse() {
        io.restassured.RestAssured.given().auth().oauth2(org.anaiss.cases.support.Tokens.user("karim"))
                .post("/api/cases/admin/stats/export").then().statusCode(200)
                .body("tables", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
        io.restassured.RestAssured.given().auth().oauth2(org.anaiss.cases.support.Tokens.user("ines"))
                .post("/api/cases/admin/stats/export").then().statusCode(403);
    }

    @Test
    void aPeriodClosedLongAgoIsFrozenAndNeverRecomputed() throws Throwable {
        String lastYear = String.valueOf(LocalDate.now(ZoneId.of("Europe/Paris")).getYear() - 1);
        String key = "case-service/cases_opened/YEAR/" + lastYear;
        VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow());
        assertThat(Db.count("select count(*) from stats_export where snapshot_key = ? and frozen", key)).isEqualTo(1);
        long version = Db.count("select version from stats_export where snapshot_key = ?", key);
        try (KafkaConsumer<String, String> tail = Kafka.tail(Kafka.bootstrap(), "stats-aggregates")) {
            VertxContextSupport.subscribeAndAwait(() -> exporter.exportNow());
            assertThat(Kafka.await(tail, r -> r.key().equals(key), 1, Duration.ofSeconds(5))).isEmpty();
        }
        assertThat(Db.count("select version from stats_export where snapshot_key = ?", key)).isEqualTo(version);
    }

    private JsonNode latest(KafkaConsumer<String, String> tail, String key) {
        List<ConsumerRecord<String, String>> found = Kafka.await(tail, r -> r.key().equals(key), 1, Duration.ofSeconds(60));
        assertThat(found).isNotEmpty();
        return parse(found.get(found.size() - 1).value());
    }

    private JsonNode parse(String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The count of the cell with exactly these dimension values (null = all), 0 when absent. */
    private static long count(JsonNode snapshot, List<Object> dims) {
        for (JsonNode c : snapshot.path("data").path("cells")) {
            boolean match = true;
            for (int i = 0; i < dims.size(); i++) {
                Object want = dims.get(i);
                JsonNode got = c.get(i);
                if (want == null ? !got.isNull() : !want.equals(got.asText())) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return c.get(5).asLong();
            }
        }
        return 0;
    }

    /** A person and a case opened now, written straight to the database; returns the person's last name. */
    private static String insertCase(String region, LocalDate birth, String sex, String theme, String origin) throws SQLException {
        String name = Fixtures.uniqueName();
        UUID person = UUID.randomUUID();
        try (Connection c = Db.superuser()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into person (id, region, last_name, first_name, last_name_norm, first_name_norm, birth_date, sex,
                                        created_at, updated_at)
                    values (?, ?, ?, 'Anne', upper(?), 'ANNE', ?, ?, now(), now())""")) {
                ps.setObject(1, person);
                ps.setString(2, region);
                ps.setString(3, name);
                ps.setString(4, name);
                ps.setObject(5, birth);
                ps.setString(6, sex);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into support_case (id, person_id, region, theme, origin, status, opened_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, 'OPEN', now(), now(), now())""")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, person);
                ps.setString(3, region);
                ps.setString(4, theme);
                ps.setString(5, origin);
                ps.executeUpdate();
            }
        }
        return name;
    }
}
