package org.anaiss.stats.events;

import static org.anaiss.stats.support.Snapshots.key;
import static org.anaiss.stats.support.Snapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.service.NoiseKeys;
import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Snapshots;
import org.anaiss.stats.support.Tokens;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Releases through the real broker: stored once and never replaced (a redelivery changes nothing, a
 * different snapshot of a released period is refused and recorded), refused when the period has not
 * ended or the message does not conform; suppressed regions masked, national totals keeping them.
 */
@QuarkusTest
class SnapshotIngestionTest {

    private static final String MEASURE = "cases_opened";

    @Inject
    NoiseKeys keys;

    @Inject
    MeterRegistry registry;

    private double rejections() {
        return registry.get("anaiss.stats.rejections").counter().count();
    }

    private int noisy(Granularity g, String period, String[] values, long count) {
        return keys.forPeriod(g, period).orElseThrow().mechanism().noisy("case-service", MEASURE, g, period, dims(), values, count);
    }

    private static Cube someCases() {
        return new Cube(5).add(40, "RHONE_ALPES", "40_54", "FEMALE", "JOB_RETENTION", "SELF")
                .add(25, "BRETAGNE", "55_64", "MALE", "DISABILITY", "HOSPITAL");
    }

    private static Map<String, String> month(String period) {
        return Map.of("granularity", "MONTH", "from", period, "to", period);
    }

    /** A message after which, on the same partition (same key), everything before it has been applied. */
    private static void barrier(String key) {
        RecordMetadata m = Snapshots.send(key, "not json: barrier");
        Api.awaitRejection(m.partition(), m.offset());
    }

    @Test
    void conformingSnapshotIsServedWithItsNoisyTotal() {
        String period = Snapshots.uniqueYear() + "-03";
        Cube cube = someCases();
        Snapshots.send(key(MEASURE, "MONTH", period), snapshot(MEASURE, "MONTH", period, 1000, cube.cells()));

        JsonPath table = Api.awaitVersion(MEASURE, "MONTH", period, 1000);

        int expected = noisy(Granularity.MONTH, period, new String[5], 65);
        assertThat(table.getList("rows")).hasSize(1);
        assertThat(table.getInt("rows[0].value")).isEqualTo(expected);
        assertThat(Math.abs(expected - 65)).as("noise of a large count is small").isLessThan(30);
        assertThat(table.getBoolean("rows[0].masked")).isFalse();
    }

    @Test
    void redeliveringTheSameSnapshotChangesNothing() {
        String period = Snapshots.uniqueYear() + "-04";
        String key = key(MEASURE, "MONTH", period);
        Map<String, Object> event = snapshot(MEASURE, "MONTH", period, 2000, someCases().cells());
        Snapshots.send(key, event);
        JsonPath before = Api.awaitVersion(MEASURE, "MONTH", period, 2000);
        Map<String, String> byRegion = new LinkedHashMap<>(month(period));
        byRegion.put("groupBy", "region,sex");
        List<Object> rowsBefore = Api.table(MEASURE, byRegion).getList("rows");

        Snapshots.send(key, event);
        Snapshots.send(key, event);
        barrier(key);

        JsonPath after = Api.table(MEASURE, month(period));
        assertThat(after.getList("metadata.sources")).isEqualTo(before.getList("metadata.sources"));
        assertThat(after.getList("rows")).isEqualTo(before.getList("rows"));
        assertThat(Api.table(MEASURE, byRegion).getList("rows")).isEqualTo(rowsBefore);
    }

    @Test
    void aRepeatedQuestionIsAnsweredAgainWithTheSameFiguresAndNoCacheComputesItAgain() {
        String period = Snapshots.uniqueYear() + "-07";
        Snapshots.send(key(MEASURE, "MONTH", period), snapshot(MEASURE, "MONTH", period, 5000, someCases().cells()));
        Api.awaitVersion(MEASURE, "MONTH", period, 5000);
        Map<String, String> byRegion = new LinkedHashMap<>(month(period));
        byRegion.put("groupBy", "region,theme");

        JsonPath first = Api.table(MEASURE, byRegion);
        JsonPath repeated = Api.table(MEASURE, byRegion);
        assertThat(repeated.getString("metadata.generatedAt")).as("the answer kept").isEqualTo(first.getString("metadata.generatedAt"));
        JsonPath fresh = Api.as(Tokens.STATISTICIAN).header("Cache-Control", "no-cache").queryParams(byRegion)
                .get("/api/stats/tables/" + MEASURE).then().statusCode(200).extract().jsonPath();
        assertThat(java.time.Instant.parse(fresh.getString("metadata.generatedAt")))
                .as("computed again").isAfter(java.time.Instant.parse(first.getString("metadata.generatedAt")));
        assertThat(fresh.getList("rows")).isEqualTo(first.getList("rows")).hasSize(16 * 7);
        assertThat(fresh.getList("metadata.sources")).isEqualTo(first.getList("metadata.sources"));
    }

    @Test
    void aReleasedPeriodIsNeverReplacedADifferentSnapshotIsRefusedAndRecorded() {
        double rejectedBefore = rejections();
        String period = Snapshots.uniqueYear() + "-05";
        String key = key(MEASURE, "MONTH", period);
        Snapshots.send(key, snapshot(MEASURE, "MONTH", period, 3000, someCases().cells()));
        JsonPath released = Api.awaitVersion(MEASURE, "MONTH", period, 3000);
        Map<String, String> byRegion = new LinkedHashMap<>(month(period));
        byRegion.put("groupBy", "region,ageBand");
        List<Object> rowsBefore = Api.table(MEASURE, byRegion).getList("rows");

        // the same release computed again (another version, another event id): a redelivery, nothing to record
        RecordMetadata same = Snapshots.send(key, snapshot(MEASURE, "MONTH", period, 3005, someCases().cells()));
        // a different one, later (a producer's database restored, a bug): refused, the release is kept
        RecordMetadata different = Snapshots.send(key, snapshot(MEASURE, "MONTH", period, 3010,
                someCases().add(30, "NORMANDIE", "UNDER_25", "FEMALE", "AUTONOMY", "OTHER").cells()));
        Map<String, Object> rejection = Api.awaitRejection(different.partition(), different.offset());
        assertThat((String) rejection.get("reason")).contains("released period was sent again with other figures");
        // counted for operations too (alert AnaissStatisticsRejected)
        assertThat(rejections()).isGreaterThanOrEqualTo(rejectedBefore + 1);
        assertThat(rejection.get("key")).isEqualTo(key);

        JsonPath after = Api.table(MEASURE, month(period));
        assertThat(after.getList("metadata.sources.version", Long.class)).containsExactly(3000L);
        assertThat(after.getList("rows")).isEqualTo(released.getList("rows"));
        assertThat(Api.table(MEASURE, byRegion).getList("rows")).isEqualTo(rowsBefore);
        assertThat(Api.rejectionAt(same.partition(), same.offset())).as("a redelivery is not a rejection").isNull();
    }

    @Test
    void aPeriodThatHasNotEndedOrIsNotMarkedReleasedIsRefused() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // this month: not over, whatever the producer says
        String thisMonth = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Paris")).toString();
        RecordMetadata open = Snapshots.send(key(MEASURE, "MONTH", thisMonth), snapshot(MEASURE, "MONTH", thisMonth, 1,
                someCases().cells()));
        assertThat((String) Api.awaitRejection(open.partition(), open.offset()).get("reason")).contains("has not ended");
        // a past period the producer does not call released (what the old exporter sent every hour)
        String past = Snapshots.uniqueYear() + "-02";
        Map<String, Object> notReleased = snapshot(MEASURE, "MONTH", past, 1, someCases().cells());
        Snapshots.data(notReleased).put("released", false);
        RecordMetadata unreleased = Snapshots.send(key(MEASURE, "MONTH", past), json.writeValueAsString(notReleased));
        assertThat((String) Api.awaitRejection(unreleased.partition(), unreleased.offset()).get("reason")).contains("const");

        assertThat(Api.table(MEASURE, month(thisMonth)).getList("rows")).isEmpty();
        assertThat(Api.table(MEASURE, month(past)).getList("rows")).isEmpty();
    }

    @Test
    void aSuppressedRegionIsMaskedAsUnitTooSmallEverywhereAndNationalFiguresStillCountIt() {
        String period = Snapshots.uniqueYear() + "-09";
        Cube cube = someCases().add(60, "NORMANDIE", "25_39", "MALE", "JOB_RETENTION", "SELF");
        Snapshots.send(key(MEASURE, "MONTH", period), snapshot(MEASURE, "MONTH", period, 7000,
                Snapshots.suppressing(cube.cells(), "NORMANDIE")));
        Api.awaitVersion(MEASURE, "MONTH", period, 7000);

        for (String groupBy : List.of("region", "region,ageBand", "region,sex,theme", "ageBand,origin")) {
            Map<String, String> params = new LinkedHashMap<>(month(period));
            params.put("groupBy", groupBy);
            params.put("region", "NORMANDIE");
            for (Map<String, Object> row : Api.table(MEASURE, params).<Map<String, Object>>getList("rows")) {
                assertThat(row).as(groupBy).containsEntry("value", null).containsEntry("masked", true)
                        .containsEntry("reason", "unit-too-small");
            }
        }
        Map<String, String> byRegion = new LinkedHashMap<>(month(period));
        byRegion.put("groupBy", "region");
        Map<String, Object> rhone = Api.table(MEASURE, byRegion).<Map<String, Object>>getList("rows").stream()
                .filter(r -> "RHONE_ALPES".equals(r.get("region"))).findFirst().orElseThrow();
        assertThat(rhone.get("value")).isEqualTo(noisy(Granularity.MONTH, period, new String[] { "RHONE_ALPES", null, null, null,
                null }, 40));
        // the national total and a national breakdown count NORMANDIE's 60 cases
        assertThat(Api.table(MEASURE, month(period)).getInt("rows[0].value"))
                .isEqualTo(noisy(Granularity.MONTH, period, new String[5], 125));
        Map<String, String> byAge = new LinkedHashMap<>(month(period));
        byAge.put("groupBy", "ageBand");
        Map<String, Object> age = Api.table(MEASURE, byAge).<Map<String, Object>>getList("rows").stream()
                .filter(r -> "25_39".equals(r.get("ageBand"))).findFirst().orElseThrow();
        assertThat(age.get("value")).isEqualTo(noisy(Granularity.MONTH, period, new String[] { null, "25_39", null, null, null }, 60));
        assertThat(age.get("reason")).isNull();
    }

    @Test
    void aMarkerOnAnythingButARegionTotalOrBesideItsCountsIsRefused() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String p1 = Snapshots.uniqueYear() + "-03";
        List<List<Object>> onAgeBand = new ArrayList<>(someCases().cells());
        onAgeBand.add(java.util.Arrays.asList("NORMANDIE", "40_54", null, null, null, "unit-too-small"));
        RecordMetadata m1 = Snapshots.send(key(MEASURE, "MONTH", p1), json.writeValueAsString(snapshot(MEASURE, "MONTH", p1, 1, onAgeBand)));
        String p2 = Snapshots.uniqueYear() + "-03";
        // BRETAGNE's own total replaced by the marker, its finer counts left beside it
        List<List<Object>> beside = new ArrayList<>(someCases().cells());
        beside.removeIf(c -> "BRETAGNE".equals(c.get(0)) && c.subList(1, 5).stream().allMatch(java.util.Objects::isNull));
        beside.add(java.util.Arrays.asList("BRETAGNE", null, null, null, null, "unit-too-small"));
        RecordMetadata m2 = Snapshots.send(key(MEASURE, "MONTH", p2), json.writeValueAsString(snapshot(MEASURE, "MONTH", p2, 1, beside)));

        assertThat((String) Api.awaitRejection(m1.partition(), m1.offset()).get("reason")).contains("suppression marker");
        assertThat((String) Api.awaitRejection(m2.partition(), m2.offset()).get("reason")).contains("region it marks suppressed");
        assertThat(Api.table(MEASURE, month(p1)).getList("rows")).isEmpty();
        assertThat(Api.table(MEASURE, month(p2)).getList("rows")).isEmpty();
    }

    /** A message that does not conform: its reason is recorded, never a value of it, and nothing is stored. */
    private record Broken(String what, String key, String value, String secret, String period) {
    }

    @Test
    void everyNonConformingMessageIsRejectedWithItsReasonAndStoredNowhere() throws Exception {
        int year = Snapshots.uniqueYear();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Broken> broken = new ArrayList<>();

        String p1 = year + "-01";
        Map<String, Object> extraEnvelope = snapshot(MEASURE, "MONTH", p1, 1, someCases().cells());
        extraEnvelope.put("workerId", "Marie-Secret-Durand");
        broken.add(new Broken("extra envelope field", key(MEASURE, "MONTH", p1), json.writeValueAsString(extraEnvelope),
                "Marie-Secret-Durand", p1));

        String p2 = year + "-02";
        Map<String, Object> extraData = snapshot(MEASURE, "MONTH", p2, 1, someCases().cells());
        Snapshots.data(extraData).put("teamSecretDimension", List.of("RA-LYON-SECRET"));
        broken.add(new Broken("extra data field", key(MEASURE, "MONTH", p2), json.writeValueAsString(extraData),
                "RA-LYON-SECRET", p2));

        String p3 = year + "-03";
        List<List<Object>> cells = someCases().cells();
        List<Object> longer = new ArrayList<>(cells.get(0));
        longer.add(1, "worker-secret-alice");
        cells.set(0, longer);
        broken.add(new Broken("a cell with a seventh value", key(MEASURE, "MONTH", p3),
                json.writeValueAsString(snapshot(MEASURE, "MONTH", p3, 1, cells)), "worker-secret-alice", p3));

        String p4 = year + "-04";
        List<List<Object>> badValue = someCases().cells();
        List<Object> cell = new ArrayList<>(badValue.get(0));
        cell.set(0, "TEAM_SECRET_VALUE");
        badValue.set(0, cell);
        broken.add(new Broken("a value outside the enum", key(MEASURE, "MONTH", p4),
                json.writeValueAsString(snapshot(MEASURE, "MONTH", p4, 1, badValue)), "TEAM_SECRET_VALUE", p4));

        String p5 = year + "-05";
        broken.add(new Broken("key not matching the data", key(MEASURE, "MONTH", p5),
                json.writeValueAsString(snapshot(MEASURE, "MONTH", year + "-11", 1, someCases().cells())), null, p5));

        String p6 = String.valueOf(year);
        broken.add(new Broken("period not of the granularity", key(MEASURE, "MONTH", p6),
                json.writeValueAsString(snapshot(MEASURE, "MONTH", p6, 1, someCases().cells())), null, null));

        String p7 = year + "-07";
        List<List<Object>> duplicated = someCases().cells();
        List<Object> twin = new ArrayList<>(duplicated.get(0));
        twin.set(5, 99_999);
        duplicated.add(twin);
        broken.add(new Broken("a cell given twice", key(MEASURE, "MONTH", p7),
                json.writeValueAsString(snapshot(MEASURE, "MONTH", p7, 1, duplicated)), "99999", p7));

        String p8 = year + "-08";
        broken.add(new Broken("not JSON", key(MEASURE, "MONTH", p8), "{\"name\": \"Jean Secret-Dupont\", ", "Secret-Dupont", p8));

        String p9 = year + "-09";
        broken.add(new Broken("malformed key", "Jean Secret-Martin 1 rue des Lilas",
                json.writeValueAsString(snapshot(MEASURE, "MONTH", p9, 1, someCases().cells())), "Secret-Martin", p9));

        String p10 = year + "-10";
        Map<String, Object> personField = snapshot(MEASURE, "MONTH", p10, 1, someCases().cells());
        Snapshots.data(personField).put("personIds", List.of("1850775123456"));
        broken.add(new Broken("person ids", key(MEASURE, "MONTH", p10), json.writeValueAsString(personField), "1850775123456", p10));

        List<RecordMetadata> sent = new ArrayList<>();
        for (Broken b : broken) {
            sent.add(Snapshots.send(b.key(), b.value()));
        }
        for (int i = 0; i < broken.size(); i++) {
            Broken b = broken.get(i);
            Map<String, Object> rejection = Api.awaitRejection(sent.get(i).partition(), sent.get(i).offset());
            assertThat(rejection.get("topic")).as(b.what()).isEqualTo("stats-aggregates");
            assertThat((String) rejection.get("reason")).as(b.what()).isNotBlank();
            assertThat(rejection.get("key")).as(b.what()).isEqualTo(b.what().equals("malformed key") ? null : b.key());
            if (b.secret() != null) {
                assertThat(rejection.toString()).as(b.what() + ": the rejection quotes nothing of the message")
                        .doesNotContain(b.secret());
            }
            if (b.period() != null) {
                assertThat(Api.table(MEASURE, month(b.period())).getList("rows")).as(b.what() + ": nothing stored").isEmpty();
            }
        }
        // the period the mismatched key pointed at, and the year, hold nothing either
        assertThat(Api.table(MEASURE, month(year + "-11")).getList("rows")).isEmpty();
        assertThat(Api.table(MEASURE, Map.of("granularity", "YEAR", "from", p6, "to", p6)).getList("rows")).isEmpty();
    }

    private static List<org.anaiss.stats.domain.Dimension> dims() {
        return List.of(org.anaiss.stats.domain.Dimension.REGION, org.anaiss.stats.domain.Dimension.AGE_BAND,
                org.anaiss.stats.domain.Dimension.SEX, org.anaiss.stats.domain.Dimension.THEME,
                org.anaiss.stats.domain.Dimension.ORIGIN);
    }
}
