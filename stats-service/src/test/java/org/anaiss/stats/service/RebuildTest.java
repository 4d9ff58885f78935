package org.anaiss.stats.service;

import static org.anaiss.stats.support.Snapshots.key;
import static org.anaiss.stats.support.Snapshots.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.anaiss.stats.support.Api;
import org.anaiss.stats.support.Cube;
import org.anaiss.stats.support.Snapshots;
import org.anaiss.stats.support.Tokens;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The database is rebuilt from the compacted topic: after a loss, every released figure comes back bit
 * for bit (the key of a period is a function of the period; the noise a function of the key and the
 * cell); over an intact database a rebuild changes nothing; a refused snapshot stays refused.
 */
@QuarkusTest
class RebuildTest {

    @Inject
    Pool pool;

    private static void rebuild() {
        Api.as(Tokens.ADMIN).post("/api/stats/admin/rebuild").then().statusCode(202).body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().statusCode(200).extract().path("state"),
                state -> !"RUNNING".equals(state));
        JsonPath status = Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().extract().jsonPath();
        assertThat(status.getString("state")).isEqualTo("DONE");
    }

    @Test
    void aLostDatabaseIsRebuiltFromTheTopicWithTheSameFiguresAndAnIntactOneIsLeftAsItIs() {
        String period = Snapshots.uniqueYear() + "-Q2";
        String key = key("persons_accompanied", "QUARTER", period);
        Cube cube = new Cube(5).add(70, "ILE_DE_FRANCE", "25_39", "FEMALE", "ACCESS_TO_RIGHTS", "PARTNER_SIGNAL")
                .add(4, "AUVERGNE", "65_PLUS", "MALE", "AUTONOMY", "OTHER");
        Snapshots.send(key, snapshot("persons_accompanied", "QUARTER", period, 10,
                Snapshots.suppressing(cube.cells(), "AUVERGNE")));
        // a later different snapshot of the released period: refused, before and after the rebuild
        RecordMetadata different = Snapshots.send(key, snapshot("persons_accompanied", "QUARTER", period, 12,
                cube.add(5, "AUVERGNE", "65_PLUS", "MALE", "AUTONOMY", "OTHER").cells()));
        RecordMetadata rejected = Snapshots.send(key, "{\"not\": \"a snapshot\"}");
        Api.awaitRejection(different.partition(), different.offset());
        Api.awaitRejection(rejected.partition(), rejected.offset());
        Map<String, String> query = Map.of("granularity", "QUARTER", "from", period, "to", period, "groupBy", "region,ageBand");
        JsonPath before = Api.table("persons_accompanied", query);
        assertThat(before.getList("metadata.sources.version", Long.class)).containsExactly(10L);

        // over an intact database: what is stored stays as it is (the refused snapshot stays refused)
        rebuild();
        assertThat(Api.table("persons_accompanied", query).getList("rows")).isEqualTo(before.getList("rows"));
        assertThat(Api.table("persons_accompanied", query).getList("metadata.sources.version", Long.class)).containsExactly(10L);

        pool.query("delete from snapshot").execute().await().atMost(Duration.ofSeconds(10));
        assertThat(Api.table("persons_accompanied", query).getList("rows")).isEmpty();

        Api.as(Tokens.ADMIN).post("/api/stats/admin/rebuild").then().statusCode(202);
        Api.as(Tokens.ADMIN).post("/api/stats/admin/rebuild").then().statusCode(409).contentType("application/problem+json");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().statusCode(200).extract().path("state"),
                state -> !"RUNNING".equals(state));
        JsonPath status = Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().extract().jsonPath();
        assertThat(status.getString("state")).isEqualTo("DONE");
        assertThat(status.getLong("read")).isGreaterThanOrEqualTo(3);
        assertThat(status.getLong("applied")).isGreaterThanOrEqualTo(1);
        assertThat(status.getLong("rejected")).isGreaterThanOrEqualTo(2);

        JsonPath after = Api.table("persons_accompanied", query);
        assertThat(after.getList("rows")).isEqualTo(before.getList("rows"));
        assertThat(after.getList("rows.reason")).contains("unit-too-small");
        assertThat(after.getList("metadata.sources.version", Long.class)).containsExactly(10L);
        assertThat(after.getList("metadata.sources.eventId")).isEqualTo(before.getList("metadata.sources.eventId"));
        assertThat(after.getList("metadata.sources.noiseKeyId")).isEqualTo(before.getList("metadata.sources.noiseKeyId"));
        // the rejections were read again, and recorded once
        for (RecordMetadata m : java.util.List.of(different, rejected)) {
            long recorded = Api.as(Tokens.ADMIN).queryParam("limit", 1000).get("/api/stats/admin/rejections").then().extract()
                    .jsonPath().<Map<String, Object>>getList("").stream()
                    .filter(r -> ((Number) r.get("offset")).longValue() == m.offset()
                            && ((Number) r.get("partition")).intValue() == m.partition())
                    .count();
            assertThat(recorded).isEqualTo(1);
        }
    }
}
