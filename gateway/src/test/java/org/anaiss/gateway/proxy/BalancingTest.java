package org.anaiss.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.anaiss.gateway.support.Replicas;
import org.anaiss.gateway.support.ReplicasProfile;
import org.anaiss.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * stats-service as three instances, one of them stopped (nothing listens on its port): requests are
 * spread over the live ones, a request refused a connection goes to another instance whatever its
 * method (nothing was sent), and a request that reached an instance is never sent to a second one.
 */
@QuarkusTest
@TestProfile(ReplicasProfile.class)
class BalancingTest {

    private static final String TOKEN = Tokens.user("ines");

    @Test
    void getsAreSpreadOverTheLiveInstancesAndTheStoppedOneCostsNoFailure() throws InterruptedException {
        String path = "/api/stats/spread-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            if (i % 3 == 0) {
                // past the rest time: the stopped instance is in turn again and refuses again
                Thread.sleep(ReplicasProfile.REST_MILLIS + 50);
            }
            given().auth().oauth2(TOKEN).when().get(path).then().statusCode(200).body("path", equalTo(path));
        }
        assertThat(Replicas.first().countPath(path)).isBetween(3L, 9L);
        assertThat(Replicas.second().countPath(path)).isBetween(3L, 9L);
        assertThat(Replicas.countPath(path)).isEqualTo(12);
    }

    @Test
    void aPostRefusedAConnectionIsPassedToAnotherInstanceAndCarriedOutOnce() throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            // each time past the rest time, so the stopped instance takes its turn and refuses
            Thread.sleep(ReplicasProfile.REST_MILLIS + 50);
            String path = "/api/stats/post-" + UUID.randomUUID();
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{\"n\":" + i + "}")
                    .when().post(path)
                    .then().statusCode(200).body("bodyBytes", equalTo(7));
            assertThat(Replicas.countPath(path)).as("carried out once").isEqualTo(1);
        }
        // the stopped instance was in turn (its breaker counted the refusals: one series per instance)
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("anaiss_gateway_circuit_state{instance=\"127.0.0.1:" + Replicas.stoppedPort()
                + "\",upstream=\"stats-service\"}");
    }

    @Test
    void aPostThatReachedAnInstanceIsNeverSentToAnother() {
        String path = "/api/stats/once-" + UUID.randomUUID() + "/unavailable";
        given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}")
                .when().post(path)
                .then().statusCode(503);
        assertThat(Replicas.countPath(path)).isEqualTo(1);
    }

    @Test
    void aGetThatMetA503IsRetriedOnAnotherInstance() {
        String path = "/api/stats/retried-" + UUID.randomUUID() + "/unavailable";
        given().auth().oauth2(TOKEN).when().get(path).then().statusCode(503);
        // one retry (the profile's), on the other live instance
        assertThat(Replicas.first().countPath(path)).isEqualTo(1);
        assertThat(Replicas.second().countPath(path)).isEqualTo(1);
    }
}
