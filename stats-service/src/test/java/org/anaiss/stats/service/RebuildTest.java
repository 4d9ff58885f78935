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

/** The database is rebuilt from the compacted topic: the documented command, after a loss. */
@QuarkusTest
class RebuildTest {

    @Inject
    Pool pool;

    @Test
    void aLostDatabaseIsRebuiltFromTheTopicWithTheSameAnswers() {
        String period = Snapshots.uniqueYear() + "-Q2";
        String key = key("persons_accompanied", "QUARTER", period);
        Cube cube = new Cube(5).add(70, "ILE_DE_FRANCE", "25_39", "FEMALE", "ACCESS_TO_RIGHTS", "PARTNER_SIGNAL")
                .add(4, "AUVERGNE", "65_PLUS", "MALE", "AUTONOMY", "OTHER");
        Snapshots.send(key, snapshot("persons_accompanied", "QUARTER", period, 10, false, cube.cells()));
        Snapshots.send(key, snapshot("persons_accompanied", "QUARTER", period, 12, true, cube.add(5, "AUVERGNE", "65_PLUS",
                "MALE", "AUTONOMY", "OTHER").cells()));
        Snapshots.send(key, snapshot("persons_accompanied", "QUARTER", period, 11, false, cube.cells()));
        RecordMetadata rejected = Snapshots.send(key, "{\"not\": \"a snapshot\"}");
        Api.awaitRejection(rejected.partition(), rejected.offset());
        Map<String, String> query = Map.of("granularity", "QUARTER", "from", period, "to", period, "groupBy", "region,ageBand");
        JsonPath before = Api.table("persons_accompanied", query);
        assertThat(before.getList("metadata.sources.version", Long.class)).containsExactly(12L);

        pool.query("delete from snapshot").execute().await().atMost(Duration.ofSeconds(10));
        assertThat(Api.table("persons_accompanied", query).getList("rows")).isEmpty();

        Api.as(Tokens.ADMIN).post("/api/stats/admin/rebuild").then().statusCode(202).body("state", equalTo("RUNNING"));
        Api.as(Tokens.ADMIN).post("/api/stats/admin/rebuild").then().statusCode(409).contentType("application/problem+json");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().statusCode(200).extract().path("state"),
                state -> !"RUNNING".equals(state));
        JsonPath status = Api.as(Tokens.ADMIN).get("/api/stats/admin/rebuild").then().extract().jsonPath();
        assertThat(status.getString("state")).isEqualTo("DONE");
        assertThat(status.getLong("read")).isGreaterThanOrEqualTo(4);
        assertThat(status.getLong("rejected")).isGreaterThanOrEqualTo(1);

        JsonPath after = Api.table("persons_accompanied", query);
        assertThat(after.getList("rows")).isEqualTo(before.getList("rows"));
        assertThat(after.getList("metadata.sources.version", Long.class)).containsExactly(12L);
        assertThat(after.getList("metadata.sources.eventId")).isEqualTo(before.getList("metadata.sources.eventId"));
        // the rejection was read again, and recorded once
        long recorded = Api.as(Tokens.ADMIN).queryParam("limit", 1000).get("/api/stats/admin/rejections").then().extract()
                .jsonPath().<Map<String, Object>>getList("").stream()
                .filter(r -> ((Number) r.get("offset")).longValue() == rejected.offset()
                        && ((Number) r.get("partition")).intValue() == rejected.partition())
                .count();
        assertThat(recorded).isEqualTo(1);
    }
}
