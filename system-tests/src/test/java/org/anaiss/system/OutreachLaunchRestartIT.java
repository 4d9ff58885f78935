package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * outreach-service is stopped (SIGTERM, as an orchestrator does) in the middle of an e-mail campaign
 * and started again: every person gets exactly one message.
 */
class OutreachLaunchRestartIT {

    private static final int PEOPLE = 1200;

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void restartInTheMiddleOfALaunchSendsNoDuplicateAndMissesNoOne() throws Exception {
        LocalDate day = OutreachSupport.uniqueDay();
        List<String> addresses = new ArrayList<>();
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String address = OutreachSupport.address("restart" + i);
            addresses.add(address);
            batch.add(OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(), "RHONE_ALPES", "WORK_UNFITNESS_RISK",
                    address, day));
            if (batch.size() == 600) {
                given().auth().oauth2(OutreachSupport.cpam()).contentType(ContentType.JSON)
                        .header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("signals", batch))
                        .post("/api/partners/signals/batch").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(600));
                batch = new ArrayList<>();
            }
        }
        String gilles = Tokens.user("gilles");
        String campaign = OutreachSupport.createCampaign(gilles,
                OutreachSupport.campaign("EMAIL", List.of("WORK_UNFITNESS_RISK"), day));
        given().auth().oauth2(gilles).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);

        // stop as soon as the launch has visibly started: offers being delivered or the first mails received
        String probe = addresses.get(0);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Integer done = given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign).then().extract()
                    .path("progress.done");
            return (done != null && done > 0) || OutreachSupport.mailCount(probe) > 0;
        });
        Map<String, Object> atStop = given().auth().oauth2(gilles).get("/api/outreach/campaigns/" + campaign).then().extract()
                .jsonPath().getMap("progress");
        Suite.get().stop(Suite.Service.OUTREACH);
        long receivedAtStop = addresses.stream().filter(a -> OutreachSupport.mailCount(a) > 0).count();
        assertThat(receivedAtStop).as("stopped in the middle (progress at stop: " + atStop + ")").isLessThan(PEOPLE);

        Suite.get().start(Suite.Service.OUTREACH);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                .until(() -> "DONE".equals(given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/campaigns/" + campaign)
                        .then().extract().path("status")));
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                .until(() -> OutreachSupport.mailCount(addresses.get(PEOPLE - 1)) > 0 && allReceived(addresses));
        Thread.sleep(5000); // anything sent twice would have arrived by now
        List<String> wrong = new ArrayList<>();
        for (String address : addresses) {
            int n = OutreachSupport.mailCount(address);
            if (n != 1) {
                wrong.add(address + "=" + n);
            }
        }
        assertThat(wrong).as("people who did not get exactly one message").isEmpty();
        given().auth().oauth2(Tokens.user("gilles")).get("/api/outreach/campaigns/" + campaign).then()
                .body("progress.done", org.hamcrest.Matchers.equalTo(PEOPLE)).body("progress.total", org.hamcrest.Matchers.equalTo(PEOPLE));
    }

    private static boolean allReceived(List<String> addresses) {
        return addresses.stream().allMatch(a -> OutreachSupport.mailCount(a) > 0);
    }
}
