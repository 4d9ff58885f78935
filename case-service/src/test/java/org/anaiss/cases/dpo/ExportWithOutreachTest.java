package org.anaiss.cases.dpo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Tokens;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The DPO's export of a person asks outreach-service for its part with the DPO's own token (outreach checks the
 * role itself), names the person by NIR in the body only, and includes the answer. outreach-service is a stand-in
 * here that records what it was asked.
 */
@QuarkusTest
@TestProfile(ExportWithOutreachTest.WithOutreach.class)
class ExportWithOutreachTest {

    public static class WithOutreach implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandInOutreach.class));
        }
    }

    /** Answers the DPO export of outreach-service, and keeps the last request's Authorization header, path and body. */
    public static class StandInOutreach implements QuarkusTestResourceLifecycleManager {
        static volatile String authorization;
        static volatile String path;
        static volatile String body;
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", StandInOutreach::answer);
            server.start();
            return Map.of("quarkus.rest-client.outreach.url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        private static void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                authorization = exchange.getRequestHeaders().getFirst("Authorization");
                path = exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
                body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                byte[] json = """
                        {"signals":[{"signalType":"HOSPITAL_DISCHARGE","signalDate":"2026-02-03"}],"offers":[],"objection":null,
                         "invitations":[],"registrations":[]}""".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, json.length);
                exchange.getResponseBody().write(json);
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Test
    void theExportAsksOutreachWithTheDposOwnTokenAndTheNirInTheBodyOnly() {
        Map<String, Object> person = Fixtures.person();
        String nir = (String) person.get("nir");
        String personId = given().auth().oauth2(Tokens.user("alice")).contentType(ContentType.JSON).body(person)
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String dpo = Tokens.user("jules");

        given().auth().oauth2(dpo).accept(ContentType.JSON).get("/api/cases/dpo/persons/" + personId + "/export")
                .then().statusCode(200).body("outreachStatus", equalTo("INCLUDED"))
                .body("outreach.signals[0].signalType", equalTo("HOSPITAL_DISCHARGE"));

        assertThat(StandInOutreach.authorization).isEqualTo("Bearer " + dpo);
        assertThat(StandInOutreach.path).isEqualTo("/api/outreach/dpo/exports").doesNotContain(nir);
        assertThat(StandInOutreach.body).contains("\"nir\"").contains(nir);
    }
}
