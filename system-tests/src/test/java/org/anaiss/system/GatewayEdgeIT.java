package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The gateway of the suite, with its production defaults, in front of the real services: body limits,
 * headers, the access log, and the token checked again by a service reached directly.
 */
class GatewayEdgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ELEVEN_MIB = 11 * 1024 * 1024;

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void anOversizedUploadIsRefused413ByTheGatewayBeforeItsBodyIsSent() throws IOException {
        String caseId = openCase(Tokens.user("alice"));
        String answer = rawPost("/api/cases/" + caseId + "/documents", Tokens.user("alice"), ELEVEN_MIB, false);
        // the final answer came instead of 100 Continue: not one byte of the body left the client
        assertThat(statusOf(answer)).isEqualTo(413);
        JsonNode problem = JSON.readTree(bodyOf(answer));
        assertThat(problem.path("type").asText()).isEqualTo("https://anaiss.example/problems/payload-too-large");
        assertThat(problem.path("detail").asText()).contains("10 MiB");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/documents")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anOversizedUploadStreamedWithoutLengthIsCutAndNothingIsStored() throws IOException {
        String caseId = openCase(Tokens.user("alice"));
        String answer = rawPost("/api/cases/" + caseId + "/documents", Tokens.user("alice"), ELEVEN_MIB, true);
        assertThat(statusOf(answer)).isEqualTo(413);
        assertThat(JSON.readTree(bodyOf(answer)).path("type").asText()).isEqualTo("https://anaiss.example/problems/payload-too-large");
        given().auth().oauth2(Tokens.user("alice")).get("/api/cases/" + caseId + "/documents")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUploadWithinTheLimitIsStreamedToCaseService() {
        String token = Tokens.user("alice");
        String caseId = openCase(token);
        byte[] pdf = new byte[2 * 1024 * 1024];
        byte[] magic = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, pdf, 0, magic.length);
        given().auth().oauth2(token).contentType("application/pdf").header("Content-Disposition", "attachment; filename=\"a.pdf\"")
                .body(pdf)
                .post("/api/cases/" + caseId + "/documents")
                .then().statusCode(201);
    }

    @Test
    void theAccessLogOfARequestCarryingANirHoldsNoNirNameOrQuery() throws IOException {
        String nir = Fixtures.nir(82, 3);
        String lastName = Fixtures.uniqueLastName();
        String requestId = "gateway-edge-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body(Map.of("lastName", lastName, "firstName", "Jeanne", "birthDate", "1982-03-15", "sex", "FEMALE", "nir", nir))
                .post("/api/cases/persons?origin=" + nir)
                .then().statusCode(201);
        Path log = Suite.get().log(Suite.Service.GATEWAY);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("\"requestId\":\"" + requestId + "\""));
        String text = Files.readString(log);
        assertThat(text).doesNotContain(nir).doesNotContain(lastName).doesNotContain("origin=");
        String line = text.lines().filter(l -> l.contains(requestId)).findFirst().orElseThrow();
        JsonNode access = JSON.readTree(line);
        assertThat(access.path("log").asText()).isEqualTo("access");
        assertThat(access.path("method").asText()).isEqualTo("POST");
        assertThat(access.path("route").asText()).isEqualTo("/api/cases/persons");
        assertThat(access.path("status").asInt()).isEqualTo(201);
        assertThat(access.path("latencyMs").asDouble()).isPositive();
        assertThat(access.path("clientId").asText()).isEqualTo("anaiss-test");
        assertThat(access.path("upstream").asText()).isEqualTo("case-service");
        assertThat(line).doesNotContain("alice");
    }

    @Test
    void aRealAnswerCarriesTheSecurityHeadersAndNoHstsOverPlainHttp() {
        given().auth().oauth2(Tokens.user("alice")).header("X-Forwarded-Proto", "https")
                .get("/api/cases")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                // no proxy is trusted by default: a client's claim to have come over TLS is not believed
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void aServiceReachedDirectlyStillRefusesAForgedToken() {
        String token = Tokens.user("alice");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        for (Suite.Service service : new Suite.Service[] { Suite.Service.CASES, Suite.Service.OUTREACH, Suite.Service.STATS }) {
            String path = switch (service) {
                case CASES -> "/api/cases";
                case OUTREACH -> "/api/outreach/campaigns";
                default -> "/api/stats/tables";
            };
            given().baseUri(Suite.get().url(service)).auth().oauth2(forged).get(path)
                    .then().statusCode(401);
        }
    }

    @Test
    void theTraceContextAndRequestIdReachTheServiceAndOnlyTheRequestIdComesBack() {
        given().auth().oauth2(Tokens.user("alice")).header("X-Request-Id", "gateway-trace-0001")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/api/cases/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404)
                .header("X-Request-Id", "gateway-trace-0001")
                .header("traceparent", nullValue())
                .body("requestId", equalTo("gateway-trace-0001"));
    }

    private static String openCase(String token) {
        String personId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Jeanne", "birthDate",
                        Fixtures.birthDate().toString(), "sex", "FEMALE", "nir", Fixtures.nir(71, 4)))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");
    }

    /**
     * A PDF upload on a plain socket, to see what the gateway does before the body: with a length it
     * is announced and held back until 100 Continue; chunked, it is sent (the gateway cuts it).
     */
    private static String rawPost(String path, String token, int bytes, boolean chunked) throws IOException {
        java.net.URI gateway = java.net.URI.create(Suite.get().gatewayUrl());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/pdf\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Content-Length: " + bytes + "\r\nExpect: 100-continue\r\n\r\n");
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!chunked) {
                return readAnswer(in);
            }
            try {
                byte[] chunk = new byte[64 * 1024];
                System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 9);
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (SocketException e) {
                // the gateway answered and closed before the last chunk: its answer is still to be read
            }
            return readAnswer(in);
        }
    }

    /** Status line, headers and body of one answer (Content-Length framed, as the gateway's problems are). */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before an answer");
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static int statusOf(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static String bodyOf(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
