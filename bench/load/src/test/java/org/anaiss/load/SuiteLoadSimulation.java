package org.anaiss.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The whole suite under load, through the gateway, as its users use it (issue 10):
 * <ul>
 * <li>45 % of arrivals: a social worker at their desk lists their cases, then opens one;</li>
 * <li>25 %: a follow-up, a worker reads a case then records a contact on it;</li>
 * <li>10 %: an intake, a worker registers a person then opens a case for them (the case joins the
 * cases that worker reads);</li>
 * <li>15 %: a partner system (CPAM du Rhône, client credentials) sends a signal, with an
 * Idempotency-Key;</li>
 * <li>5 %: the statistician lists the tables then queries one.</li>
 * </ul>
 * Six workers of three teams and two regions (alice, bruno, chloe, david, emma, fanny), the partner
 * and ines; each account's token is taken once and refreshed before it expires ({@link Tokens}).
 * Before the load each worker has at least {@code load.seed} (100) cases of their own, created if
 * needed: enough that two visits rarely write to the same case at once (which case-service answers
 * with 409 concurrent-change, counted as an error).
 *
 * Open model: arrivals per second, warm-up ramp then plateaus of increasing rate (randomised
 * arrivals), each plateau measured on its own ({@link Steps}); stops two plateaus past the knee.
 * Parameters (system property load.X or environment LOAD_X): GATEWAY_URL, KEYCLOAK_URL, RATES
 * (arrivals/s of each plateau, e.g. "10,20,30"; else START, STEP, STEPS), STEP_SECONDS, RAMP_SECONDS,
 * WARMUP_SECONDS, P99_MS, MAX_ERROR_PERCENT, STOP_AFTER_BAD_STEPS, SEED, OUT (where steps.csv and
 * summary.txt go). Request timeout: gatling.conf (10 s).
 */
public class SuiteLoadSimulation extends Simulation {

    private final String gateway = Params.get("gateway_url", "http://localhost:8080");
    private final String keycloak = Params.get("keycloak_url", "http://localhost:8180");
    private final double[] rates = rates();
    private final int stepSeconds = Params.integer("step_seconds", 45);
    private final int rampSeconds = Params.integer("ramp_seconds", 5);
    private final int warmUpSeconds = Params.integer("warmup_seconds", 60);
    private final long p99Millis = Params.integer("p99_ms", 200);
    private final double maxErrorPercent = Params.decimal("max_error_percent", 1.0);
    private final int seed = Params.integer("seed", 100);
    private final Path out = Path.of(Params.get("out", "target/load"));
    private final Steps recorder = new Steps(out, rates, warmUpSeconds, stepSeconds, rampSeconds, p99Millis, maxErrorPercent,
            Params.integer("stop_after_bad_steps", 2));

    private static double[] rates() {
        double[] given = Params.rates("rates");
        if (given.length > 0) {
            return given;
        }
        double start = Params.decimal("start", 10);
        double step = Params.decimal("step", 10);
        int steps = Params.integer("steps", 10);
        double[] rates = new double[steps];
        for (int i = 0; i < steps; i++) {
            rates[i] = start + i * step;
        }
        return rates;
    }

    // ---------------------------------------------------------------- requests

    /**
     * A request, timed per step: the send time before it, Gatling's response time and status saved by
     * the first checks (so they are there even when a later check fails), counted after it.
     */
    private ChainBuilder timed(String name, HttpRequestActionBuilder request, CheckBuilder... checks) {
        List<CheckBuilder> all = new ArrayList<>();
        all.add(responseTimeInMillis().saveAs("rt"));
        all.add(status().saveAs("status"));
        all.addAll(Arrays.asList(checks));
        return exec(session -> session.remove("rt").remove("status").set("sentAt", recorder.sent()))
                .exec(request.check(all))
                .exec(session -> {
                    recorder.done(name, session.getLong("sentAt"), session.contains("rt") ? session.getInt("rt") : null,
                            session.contains("status") ? session.getInt("status") : null);
                    return session;
                });
    }

    private static String bearer(Session session) {
        return "Bearer " + Tokens.get(session.getString("account"));
    }

    private ChainBuilder listMyCases() {
        return timed("list my cases", http("list my cases").get("/api/cases?mine=true&size=20")
                .header("Authorization", SuiteLoadSimulation::bearer), status().is(200));
    }

    private ChainBuilder readCase() {
        return timed("read a case", http("read a case").get("/api/cases/#{caseId}")
                .header("Authorization", SuiteLoadSimulation::bearer), status().is(200));
    }

    private ChainBuilder addContact() {
        return timed("add a contact", http("add a contact").post("/api/cases/#{caseId}/contacts")
                .header("Authorization", SuiteLoadSimulation::bearer).header("Content-Type", "application/json")
                .body(StringBody(s -> Data.contactBody())), status().is(201));
    }

    private ChainBuilder registerPerson() {
        return timed("register a person", http("register a person").post("/api/cases/persons")
                .header("Authorization", SuiteLoadSimulation::bearer).header("Content-Type", "application/json")
                .body(StringBody(s -> Data.personBody(s.getString("account")))),
                status().is(201), jmesPath("id").saveAs("personId"));
    }

    private ChainBuilder openCase() {
        return timed("open a case", http("open a case").post("/api/cases")
                .header("Authorization", SuiteLoadSimulation::bearer).header("Content-Type", "application/json")
                .body(StringBody(s -> Data.caseBody(s.getString("personId"), s.getString("account")))),
                status().is(201), jmesPath("id").saveAs("openedId"));
    }

    private ChainBuilder sendSignal() {
        return timed("partner signal", http("partner signal").post("/api/partners/signals")
                .header("Authorization", SuiteLoadSimulation::bearer).header("Content-Type", "application/json")
                .header("Idempotency-Key", s -> Data.idempotencyKey())
                .body(StringBody(s -> Data.signalBody())), status().is(201));
    }

    private ChainBuilder listTables() {
        return timed("stats: list tables", http("stats: list tables").get("/api/stats/tables")
                .header("Authorization", SuiteLoadSimulation::bearer), status().is(200));
    }

    private ChainBuilder queryTable() {
        return timed("stats: query a table", http("stats: query a table").get(s -> "/api/stats/tables/" + Data.statsQuery())
                .header("Authorization", SuiteLoadSimulation::bearer), status().is(200));
    }

    // ---------------------------------------------------------------- visits

    private static ChainBuilder asWorker() {
        return exec(session -> {
            String worker = Data.worker();
            return session.set("account", worker).set("caseId", Data.pool(worker).any());
        });
    }

    private static ChainBuilder think() {
        return pause(Duration.ofMillis(300), Duration.ofMillis(1500));
    }

    private ChainBuilder deskVisit() {
        return asWorker().exec(listMyCases()).exec(think()).exec(readCase());
    }

    private ChainBuilder followUp() {
        return asWorker().exec(readCase()).exitHereIfFailed().exec(think()).exec(addContact());
    }

    private ChainBuilder intake() {
        return asWorker().exec(registerPerson()).exitHereIfFailed().exec(think()).exec(openCase())
                .exec(session -> {
                    if (session.contains("openedId")) {
                        Data.pool(session.getString("account")).add(session.getString("openedId"));
                    }
                    return session;
                });
    }

    private ChainBuilder partnerSignal() {
        return exec(session -> session.set("account", Tokens.PARTNER)).exec(sendSignal());
    }

    private ChainBuilder statistics() {
        return exec(session -> session.set("account", Data.STATISTICIAN)).exec(listTables()).exec(think()).exec(queryTable());
    }

    private final ScenarioBuilder suite = scenario("ANAISS users")
            .exec(stopLoadGeneratorIf(s -> recorder.stopReason(), s -> recorder.shouldStop()))
            .exec(session -> {
                recorder.arrival();
                return session;
            })
            .randomSwitch().on(
                    percent(45.0).then(deskVisit()),
                    percent(25.0).then(followUp()),
                    percent(10.0).then(intake()),
                    percent(15.0).then(partnerSignal()),
                    percent(5.0).then(statistics()));

    private final HttpProtocolBuilder protocol = http.baseUrl(gateway)
            .acceptHeader("application/json")
            .userAgentHeader("anaiss-load")
            // one pool for all virtual users, as behind a front proxy: no new TCP connection per arrival
            .shareConnections()
            // no request anywhere but the gateway (Gatling's default warm-up calls an outside site)
            .disableWarmUp();

    {
        List<OpenInjectionStep> injection = new ArrayList<>();
        injection.add(rampUsersPerSec(1).to(rates[0]).during(Duration.ofSeconds(warmUpSeconds)));
        for (int i = 0; i < rates.length; i++) {
            injection.add(constantUsersPerSec(rates[i]).during(Duration.ofSeconds(stepSeconds)).randomized());
            if (i + 1 < rates.length && rampSeconds > 0) {
                injection.add(rampUsersPerSec(rates[i]).to(rates[i + 1]).during(Duration.ofSeconds(rampSeconds)));
            }
        }
        long planned = warmUpSeconds + (long) rates.length * (stepSeconds + rampSeconds);
        setUp(suite.injectOpen(injection).protocols(protocol))
                .maxDuration(Duration.ofSeconds(planned + 30))
                .assertions(
                        global().failedRequests().percent().lt(maxErrorPercent),
                        global().responseTime().percentile(99.0).lt((int) p99Millis));
    }

    // ---------------------------------------------------------------- before and after

    @Override
    public void before() {
        System.out.printf(Locale.ROOT, "[load] gateway %s, plateaus %s arrivals/s, %d s each (%d s warm-up, %d s ramps), "
                + "p99 threshold %d ms%n", gateway, Arrays.toString(rates), stepSeconds, warmUpSeconds, rampSeconds, p99Millis);
        List<String> accounts = new ArrayList<>(Data.WORKERS);
        accounts.add(Data.STATISTICIAN);
        Tokens.start(keycloak, accounts);
        try {
            seed();
        } catch (IOException e) {
            throw new IllegalStateException("seeding through " + gateway + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        recorder.startEvaluating();
    }

    @Override
    public void after() {
        recorder.stopEvaluating();
        Tokens.stop();
        System.out.println();
        System.out.println("[load] per step (written to " + out.toAbsolutePath() + "):");
        System.out.print(recorder.write(out));
    }

    private static final Pattern CASE_ID = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern ANY_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    /** Each worker's own cases (the first {@code seed} of their list), and new ones until there are {@code seed}. */
    private void seed() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        for (String worker : Data.WORKERS) {
            HttpResponse<String> list = send(client, worker, "GET", "/api/cases?mine=true&size=" + Math.max(seed, 20), null);
            if (list.statusCode() != 200) {
                throw new IllegalStateException("listing " + worker + "'s cases: HTTP " + list.statusCode() + " " + list.body());
            }
            // every case of the page starts with its own id; nested objects (the person) come later
            Matcher m = Pattern.compile("(?:\\[|,)\\{\"id\":\"([0-9a-f-]{36})\"").matcher(list.body());
            while (m.find()) {
                Data.pool(worker).add(m.group(1));
            }
            while (Data.pool(worker).size() < seed) {
                HttpResponse<String> person = send(client, worker, "POST", "/api/cases/persons", Data.personBody(worker));
                Matcher p = ANY_ID.matcher(person.body());
                if (person.statusCode() != 201 || !p.find()) {
                    throw new IllegalStateException("registering a person as " + worker + ": HTTP " + person.statusCode() + " " + person.body());
                }
                HttpResponse<String> opened = send(client, worker, "POST", "/api/cases", Data.caseBody(p.group(1), worker));
                Matcher c = CASE_ID.matcher(opened.body());
                if (opened.statusCode() != 201 || !c.find()) {
                    throw new IllegalStateException("opening a case as " + worker + ": HTTP " + opened.statusCode() + " " + opened.body());
                }
                Data.pool(worker).add(c.group(1));
            }
            System.out.printf(Locale.ROOT, "[load] %s: %d cases of their own to read and follow up%n", worker, Data.pool(worker).size());
        }
    }

    private HttpResponse<String> send(HttpClient client, String account, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.get(account)).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
