package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Keeps writing through the gateway while faults happen: cases (person + case), contacts on them,
 * and partner signals. It remembers every write the system acknowledged (2xx), and only those: a
 * refused or failed request is not a promise.
 */
final class LoadGenerator implements AutoCloseable {

    final Set<String> cases = ConcurrentHashMap.newKeySet();
    final Set<String> contacts = ConcurrentHashMap.newKeySet();
    final Set<String> signals = ConcurrentHashMap.newKeySet();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    private final List<String> caseList = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;
    private final String gateway;
    private volatile String workerToken;
    private volatile String partnerToken;
    // a request must never hang: a fault is answered, not waited on
    private static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 35000));

    /**
     * Tokens are taken at the start and renewed while Keycloak answers (a run may outlast one token); while it is down,
     * as a fault test may have it, the last ones are used: they stay valid until expiry.
     */
    LoadGenerator(String gateway, int threads) {
        this.gateway = gateway;
        this.workerToken = Tokens.user("alice");
        this.partnerToken = Tokens.client(Tokens.PARTNER_CPAM, Tokens.PARTNER_CPAM_SECRET);
        this.pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(this::loop);
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                int pick = ThreadLocalRandom.current().nextInt(10);
                if (pick < 4 || caseList.isEmpty()) {
                    openCase();
                } else if (pick < 7) {
                    addContact(caseList.get(ThreadLocalRandom.current().nextInt(caseList.size())));
                } else {
                    sendSignal();
                }
            } catch (RuntimeException e) {
                // connection refused, reset, timeout: not acknowledged
                failures.incrementAndGet();
                pause();
            }
        }
    }

    private String worker() {
        try {
            workerToken = Tokens.user("alice");
        } catch (RuntimeException keycloakDown) {
            // keep the last one
        }
        return workerToken;
    }

    private String partner() {
        try {
            partnerToken = Tokens.client(Tokens.PARTNER_CPAM, Tokens.PARTNER_CPAM_SECRET);
        } catch (RuntimeException keycloakDown) {
            // keep the last one
        }
        return partnerToken;
    }

    private void openCase() {
        Response person = given().config(TIMEOUTS).baseUri(gateway).auth().oauth2(worker()).contentType(ContentType.JSON)
                .body(Map.of("lastName", Fixtures.uniqueLastName(), "firstName", "Rose", "birthDate", Fixtures.birthDate().toString(),
                        "sex", "FEMALE", "nir", Fixtures.nir(70, 5)))
                .post("/api/cases/persons");
        if (!ok(person)) {
            return;
        }
        Response opened = given().config(TIMEOUTS).baseUri(gateway).auth().oauth2(worker()).contentType(ContentType.JSON)
                .body(Map.of("personId", person.path("id"), "theme", "JOB_RETENTION", "origin", "SELF", "assignedTo", "alice"))
                .post("/api/cases");
        if (ok(opened)) {
            String id = opened.path("id");
            cases.add(id);
            caseList.add(id);
        }
    }

    private void addContact(String caseId) {
        Response r = given().config(TIMEOUTS).baseUri(gateway).auth().oauth2(worker()).contentType(ContentType.JSON)
                .body(Map.of("occurredAt", "2026-01-15T10:00:00Z", "mode", "PHONE", "notes", "Follow-up call."))
                .post("/api/cases/" + caseId + "/contacts");
        if (ok(r)) {
            contacts.add(r.path("id"));
        }
    }

    private void sendSignal() {
        Map<String, Object> person = Map.of("nir", Fixtures.nir(65, 3), "lastName", Fixtures.uniqueLastName(), "firstName", "Marc",
                "birthDate", "1965-03-01", "region", "RHONE_ALPES");
        Response r = given().config(TIMEOUTS).baseUri(gateway).auth().oauth2(partner()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("person", person, "signalType", "SICK_LEAVE_90_DAYS", "signalDate", LocalDate.now().minusDays(2).toString(),
                        "sendingSystem", "fault-test"))
                .post("/api/partners/signals");
        if (ok(r)) {
            signals.add(r.path("id"));
        }
    }

    private boolean ok(Response r) {
        if (r.statusCode() / 100 == 2) {
            acknowledged.incrementAndGet();
            return true;
        }
        failures.incrementAndGet();
        pause();
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }
}
