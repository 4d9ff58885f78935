package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * One request through the gateway that opens a case yields one trace, exported over OTLP (HTTP/protobuf, as in
 * production) to a receiver this test runs: spans of the gateway, of case-service, of its outbox relay (the Kafka
 * producer) and of outreach-service's consumer, each consumer span a child of its producer span. No span attribute
 * carries the person's NIR or name. The four services are restarted with tracing on, then off again.
 */
class TracingIT {

    record Received(String service, Span span) {
        String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        String parentId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }
    }

    static final List<Received> SPANS = new CopyOnWriteArrayList<>();
    static final List<Throwable> RECEIVER_ERRORS = new CopyOnWriteArrayList<>();
    static HttpServer receiver;
    static Suite suite;

    @BeforeAll
    static void tracingOn() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                ExportTraceServiceRequest request;
                try {
                    request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                } catch (RuntimeException | Error e) {
                    RECEIVER_ERRORS.add(e);
                    throw e;
                }
                for (ResourceSpans rs : request.getResourceSpansList()) {
                    String service = rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                            .map(a -> a.getValue().getStringValue()).findFirst().orElse("?");
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        ss.getSpansList().forEach(span -> SPANS.add(new Received(service, span)));
                    }
                }
            }
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        suite = Suite.get();
        Map<String, String> otel = Map.of("ANAISS_OTEL_DISABLED", "false", "ANAISS_OTEL_KAFKA", "true",
                "ANAISS_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        for (Suite.Service service : Suite.Service.values()) {
            suite.stop(service);
            suite.start(service, otel);
        }
        RestAssured.baseURI = suite.gatewayUrl();
    }

    @AfterAll
    static void tracingOff() {
        if (suite != null) {
            for (Suite.Service service : Suite.Service.values()) {
                suite.stop(service);
                suite.start(service);
            }
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void openingACaseThroughTheGatewayIsOneTraceAcrossGatewayCaseServiceOutboxKafkaAndOutreach() {
        String token = Tokens.user("alice");
        String nir = Fixtures.nir(71, 4);
        String lastName = Fixtures.uniqueLastName();
        String personId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("lastName", lastName, "firstName", "Jeanne", "birthDate", Fixtures.birthDate().toString(),
                        "sex", "FEMALE", "nir", nir))
                .post("/api/cases/persons").then().statusCode(201).extract().path("id");
        String traceId = HexFormat.of().formatHex(random(16));
        String caseId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01")
                .body(Map.of("personId", personId, "theme", "JOB_RETENTION", "origin", "SELF"))
                .post("/api/cases").then().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(RECEIVER_ERRORS).as("the receiver decodes every export").isEmpty();
            assertThat(SPANS).as("spans received").isNotEmpty();
            List<Received> trace = SPANS.stream().filter(r -> r.traceId().equals(traceId)).toList();
            assertThat(trace).anySatisfy(r -> assertThat(r.service()).isEqualTo("gateway"));
            assertThat(trace).anySatisfy(r -> {
                assertThat(r.service()).isEqualTo("case-service");
                assertThat(r.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            });
            Received producer = trace.stream().filter(r -> r.service().equals("case-service")
                    && r.span().getKind() == Span.SpanKind.SPAN_KIND_PRODUCER).findFirst().orElseThrow(() -> new AssertionError(
                            "no producer span of case-service in the trace: " + describe(trace)));
            assertThat(trace).as(describe(trace)).anySatisfy(r -> {
                assertThat(r.service()).isEqualTo("outreach-service");
                assertThat(r.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
                assertThat(r.parentId()).isEqualTo(producer.spanId());
            });
        });
        assertThat(caseId).isNotBlank();

        // no personal data in any span received, whichever trace it belongs to
        for (Received r : SPANS) {
            assertThat(r.span().getName()).doesNotContain(nir).doesNotContain(lastName);
            for (KeyValue kv : r.span().getAttributesList()) {
                String value = kv.getValue().toString();
                assertThat(value).as(r.service() + " " + r.span().getName() + " " + kv.getKey())
                        .doesNotContain(nir).doesNotContain(lastName).doesNotContain(personId);
            }
        }
    }

    private static String describe(List<Received> trace) {
        return trace.stream().map(r -> r.service() + ":" + r.span().getKind() + ":" + r.span().getName() + ":" + r.spanId()
                + "<" + r.parentId()).toList().toString();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return b;
    }
}
