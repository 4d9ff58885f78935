package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Capacity under real concurrency, through the gateway: 20 social-worker registrations at once for 5 seats. */
class CollectiveActionSeatsIT {

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void twentyConcurrentRegistrationsForFiveSeatsAndACancellationPromotesTheFirstWaiting() throws Exception {
        String gilles = Tokens.user("gilles");
        String alice = Tokens.user("alice");
        var created = given().auth().oauth2(gilles).contentType(ContentType.JSON)
                .body(Map.of("theme", "RETURN_TO_WORK", "title", "Atelier reprise du travail", "description", "Atelier",
                        "targetPublic", "Assurés", "sessions", List.of(Map.of("startsAt", Instant.now().plus(Duration.ofDays(7)).toString(),
                                "durationMinutes", 90, "videoUrl", "https://visio.example/atelier", "capacity", 5))))
                .post("/api/outreach/actions").then().statusCode(201).extract();
        String session = created.path("sessions[0].id");

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = OutreachSupport.address("seat" + i);
            Map<String, Object> body = Map.of("nir", OutreachSupport.nir(), "lastName", Fixtures.uniqueLastName(), "firstName", "Lou",
                    "email", email);
            futures.add(pool.submit(() -> {
                go.await();
                Map<String, Object> r = new HashMap<>(given().auth().oauth2(alice).contentType(ContentType.JSON).body(body)
                        .post("/api/outreach/sessions/" + session + "/registrations").then().statusCode(201)
                        .extract().jsonPath().getMap("$"));
                r.put("email", email);
                return r;
            }));
        }
        go.countDown();
        List<Map<String, Object>> results = new ArrayList<>();
        for (Future<Map<String, Object>> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        assertThat(results.stream().filter(r -> "REGISTERED".equals(r.get("status")))).hasSize(5);
        assertThat(results.stream().filter(r -> "WAITING".equals(r.get("status")))).hasSize(15);

        String firstWaiting = firstWaiting(session);
        String email = results.stream().filter(r -> firstWaiting.equals(r.get("id"))).findFirst().orElseThrow().get("email").toString();
        String leaving = results.stream().filter(r -> "REGISTERED".equals(r.get("status"))).findFirst().orElseThrow().get("id").toString();
        given().auth().oauth2(alice).post("/api/outreach/sessions/" + session + "/registrations/" + leaving + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().auth().oauth2(gilles).get("/api/outreach/sessions/" + session + "/registrations").then().statusCode(200)
                .body("find { it.id == '" + firstWaiting + "' }.status", equalTo("REGISTERED"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> OutreachSupport.mails(email).stream()
                .anyMatch(m -> String.valueOf(m.get("subject")).startsWith("Une place pour vous")));
        given().auth().oauth2(alice).get("/api/outreach/actions/" + created.path("id")).then().statusCode(200)
                .body("sessions[0].seatsTaken", equalTo(5)).body("sessions[0].waiting", equalTo(14));
    }

    private static String firstWaiting(String session) throws Exception {
        try (Connection c = Db.superuser("outreach"); PreparedStatement ps = c.prepareStatement(
                "select id::text from registration where session_id = ?::uuid and status = 'WAITING' order by created_at, id limit 1")) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
