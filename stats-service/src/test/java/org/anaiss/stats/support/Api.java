package org.anaiss.stats.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Calls of the stats API with real tokens, and waits for the consumer. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    /** A table as a statistician gets it; params are query parameters. */
    public static JsonPath table(String measure, Map<String, ?> params) {
        return as(Tokens.STATISTICIAN).queryParams(params).get("/api/stats/tables/" + measure)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the table of this period answers from a snapshot of this version. */
    public static JsonPath awaitVersion(String measure, String granularity, String period, long version) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
                () -> table(measure, Map.of("granularity", granularity, "from", period, "to", period)),
                json -> {
                    List<Long> versions = json.getList("metadata.sources.version", Long.class);
                    return versions.contains(version);
                });
    }

    /** Waits until a rejection at this position is recorded, and returns it. */
    public static Map<String, Object> awaitRejection(int partition, long offset) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
                () -> rejectionAt(partition, offset), r -> r != null);
    }

    /** The rejection recorded at this position, or null. */
    public static Map<String, Object> rejectionAt(int partition, long offset) {
        return as(Tokens.ADMIN).queryParam("limit", 1000).get("/api/stats/admin/rejections").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("")
                .stream().filter(r -> ((Number) r.get("partition")).intValue() == partition
                        && ((Number) r.get("offset")).longValue() == offset)
                .findFirst().orElse(null);
    }
}
