package org.anaiss.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.anaiss.system.OpenApiModel.Operation;
import org.anaiss.system.OpenApiModel.Param;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every operation of the OpenAPI documents × every caller, judged by the access policy declared as data
 * (access-policy.csv, written from docs/DESIGN.md: {@link AccessPolicy}), not by the roles the services declare
 * of themselves: each demo user and partner system, and
 * tokens that must not open anything (none, expired, issued by another realm, a broken signature,
 * claims rewritten under the original signature, {@code alg: none}). Through the gateway and
 * straight to the service. A caller with none of the policy's roles for the operation gets 403, one with
 * such a role never 401 nor 403 (the identifiers are random: 400, 404, 409 are fine), a bad token 401;
 * every refusal is problem+json and nothing answers 5xx. The public links take no token: no caller
 * is refused there for its role. The matrix is written to target/authorization-matrix.txt.
 */
class AuthorizationMatrixIT {

    private static final String SHORT_LIVED_CLIENT = "anaiss-expiring-test";
    private static final int SHORT_LIFESPAN_SECONDS = 2;
    /** Callers with a token that opens nothing; none of them may get past 401 on a protected operation. */
    private static final List<String> BAD = List.of("no token", "expired", "other realm", "bad signature", "forged roles", "alg none");
    private static final Set<String> WRONG_TOKENS = Set.of("expired", "other realm", "bad signature", "forged roles", "alg none");

    private static List<Operation> operations;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();
    private static final Map<String, Set<String>> ROLES = new LinkedHashMap<>();
    private static final GatewayPacer PACER = new GatewayPacer();

    record Cell(String gateway, String direct, boolean ok) {
    }

    @BeforeAll
    static void suite() throws Exception {
        Suite.get();
        operations = OpenApiModel.all();
        for (String identity : Identities.all()) {
            TOKENS.put(identity, Identities.token(identity));
            ROLES.put(identity, Identities.roles(TOKENS.get(identity)));
            if (Identities.USERS.containsKey(identity)) {
                assertThat(ROLES.get(identity)).as(identity).isEqualTo(Identities.USERS.get(identity));
            } else {
                assertThat(ROLES.get(identity)).as(identity).containsExactly("signal-sender");
            }
        }
        String alice = TOKENS.get("alice");
        TOKENS.put("no token", null);
        TOKENS.put("expired", expiredToken());
        TOKENS.put("other realm", KeycloakAdmin.masterToken());
        TOKENS.put("bad signature", withBrokenSignature(alice));
        TOKENS.put("forged roles", withAllRoles(alice));
        TOKENS.put("alg none", unsigned(alice));
        BAD.forEach(b -> ROLES.put(b, Set.of()));
    }

    @Test
    void everyOperationAdmitsExactlyThePolicysRolesAndRefusesEveryBadToken() throws Exception {
        // every served operation has a row, and every row is served: nothing is judged by default
        Set<String> served = new TreeSet<>();
        operations.forEach(op -> served.add(op.key()));
        assertThat(served).isEqualTo(new TreeSet<>(AccessPolicy.rules().keySet()));
        List<String> callers = new ArrayList<>(TOKENS.keySet());
        Map<String, Cell> cells = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Runnable> tasks = new ArrayList<>();
        for (Operation op : operations) {
            for (String caller : callers) {
                tasks.add(() -> cells.put(op.key() + "|" + caller, cell(op, caller, failures)));
            }
        }
        Collections.shuffle(tasks, new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        tasks.forEach(pool::submit);
        pool.shutdown();
        assertThat(pool.awaitTermination(150, TimeUnit.SECONDS)).as("matrix finished in time").isTrue();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        write(callers, cells, seconds);
        System.out.printf("AuthorizationMatrixIT: %d operations x %d callers = %d cells (%d requests) in %d s, %d failures;"
                + " see target/authorization-matrix.txt%n", operations.size(), callers.size(), cells.size(), 2 * cells.size(), seconds,
                failures.size());
        assertThat(operations).hasSizeGreaterThan(60);
        assertThat(cells).hasSize(operations.size() * callers.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void theMergedDocumentShowsThePolicysRoles() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode services = merged().path("x-anaiss-services");
            for (JsonNode s : services) {
                if (!"current".equals(s.path("status").asText())) {
                    return false;
                }
            }
            return services.size() == 3;
        });
        JsonNode merged = merged();
        for (Operation op : operations) {
            JsonNode documented = merged.path("paths").path(op.path()).path(op.method().toLowerCase());
            assertThat(documented.isMissingNode()).as(op.key()).isFalse();
            Set<String> shown = new TreeSet<>();
            documented.path("x-roles").forEach(r -> shown.add(r.asText()));
            AccessPolicy.Rule rule = AccessPolicy.of(op.key());
            assertThat(shown).as(op.key()).isEqualTo(new TreeSet<>(rule.roles()));
            assertThat(documented.path("x-public").asBoolean(false)).as(op.key()).isEqualTo(rule.isPublic());
        }
    }

    // ------------------------------------------------------------------ one cell

    private static Cell cell(Operation op, String caller, List<String> failures) {
        String gateway = call(op, caller, true, failures);
        String direct = call(op, caller, false, failures);
        return new Cell(gateway, direct, !gateway.endsWith("!") && !direct.endsWith("!"));
    }

    /** The status, with "!" when it is not what this caller should get. */
    private static String call(Operation op, String caller, boolean viaGateway, List<String> failures) {
        Suite suite = Suite.get();
        int port = viaGateway ? suite.port(Suite.Service.GATEWAY) : suite.port(op.service());
        Random random = new Random(op.key().hashCode() * 31L + caller.hashCode());
        Map<String, String> ids = new LinkedHashMap<>();
        op.params("path").forEach(p -> ids.put(p.name(), OpenApiModel.uuid(random)));
        Map<String, String> headers = new LinkedHashMap<>();
        String token = TOKENS.get(caller);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        byte[] body = null;
        if (op.hasJsonBody()) {
            headers.put("Content-Type", "application/json");
            body = "{}".getBytes(StandardCharsets.UTF_8);
        } else if (op.body().containsKey("application/pdf")) {
            headers.put("Content-Type", "application/pdf");
            headers.put("Content-Disposition", "attachment; filename=\"matrix.pdf\"");
            body = HostileValues.PDF;
        }
        for (Param h : op.params("header")) {
            headers.putIfAbsent(h.name(), OpenApiModel.uuid(random));
        }
        String where = op.key() + " as " + caller + " via " + (viaGateway ? "gateway" : op.service().name().toLowerCase());
        RawHttp.Answer answer;
        try {
            answer = send(op, caller, viaGateway, port, OpenApiModel.fill(op.path(), ids), headers, body);
        } catch (IOException | InterruptedException e) {
            failures.add(where + ": no answer (" + e + ")");
            return "ERR!";
        }
        String problem = judge(op, caller, answer);
        if (problem != null) {
            failures.add(where + ": " + problem);
            return answer.status() + "!";
        }
        return String.valueOf(answer.status());
    }

    /** What is wrong with the answer to this caller, or null. */
    private static String judge(Operation op, String caller, RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return status + " " + answer.excerpt();
        }
        if (status >= 400 && !answer.isProblem()) {
            return status + " with Content-Type '" + answer.contentType() + "', not problem+json";
        }
        AccessPolicy.Rule rule = AccessPolicy.of(op.key());
        boolean allowed = ROLES.get(caller).stream().anyMatch(rule.roles()::contains);
        if (rule.isPublic()) {
            // no token needed; a wrong token may be refused as such (401), never for a role (403)
            if (status == 403 || status == 401 && !WRONG_TOKENS.contains(caller)) {
                return status + " on a public link";
            }
            return null;
        }
        if (BAD.contains(caller)) {
            return status == 401 ? null : status + " instead of 401";
        }
        if (allowed) {
            return status == 401 || status == 403 ? status + " although the policy admits " + ROLES.get(caller) : null;
        }
        return status == 403 ? null : status + " instead of 403 for roles " + ROLES.get(caller);
    }

    private static RawHttp.Answer send(Operation op, String caller, boolean viaGateway, int port, String target,
            Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        RawHttp.Answer answer = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            if (viaGateway) {
                String group = op.gatewayGroup();
                PACER.acquire(group + "|" + (group.equals("public") || TOKENS.get(caller) == null ? "address" : caller), group);
            }
            answer = RawHttp.send(port, op.method(), target, headers, body, 30_000);
            if (answer.status() != 429 || !viaGateway) {
                return answer;
            }
            Thread.sleep(1000L * Long.parseLong(answer.headers().getOrDefault("retry-after", "1")));
        }
        return answer;
    }

    // ------------------------------------------------------------------ tokens that open nothing

    /**
     * Alice's token from a client whose tokens live 2 s, used once expired: past its {@code exp}, plus
     * the grace the services and the gateway allow (quarkus.oidc.token.lifespan-grace; unset, the
     * verifier allows no clock skew), plus a margin.
     */
    private static String expiredToken() throws Exception {
        KeycloakAdmin.ensureShortLivedClient(SHORT_LIVED_CLIENT, SHORT_LIFESPAN_SECONDS);
        String token = KeycloakAdmin.userToken(SHORT_LIVED_CLIENT, "alice");
        JsonNode claims = Identities.claims(token);
        long lifespan = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertThat(lifespan).as("lifespan of the short-lived client's tokens").isLessThanOrEqualTo(SHORT_LIFESPAN_SECONDS);
        assertThat(claims.path("aud").toString()).contains("anaiss-api");
        Instant usable = Instant.ofEpochSecond(claims.path("exp").asLong()).plusSeconds(lifespanGrace() + 2);
        long wait = Duration.between(Instant.now(), usable).toMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return token;
    }

    /** The largest quarkus.oidc.token.lifespan-grace (seconds) of the services and the gateway; 0 when none sets it. */
    static long lifespanGrace() throws IOException {
        Path root = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
        long grace = 0;
        for (String module : List.of("case-service", "outreach-service", "stats-service", "gateway")) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(root.resolve(module + "/src/main/resources/application.properties"))) {
                p.load(in);
            }
            String value = p.getProperty("quarkus.oidc.token.lifespan-grace");
            if (value != null) {
                grace = Math.max(grace, Long.parseLong(value.replaceAll("\\$\\{[^:}]*:?([^}]*)}", "$1").trim()));
            }
        }
        return grace;
    }

    private static String withBrokenSignature(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5a;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The payload rewritten to carry every role, the original signature kept. */
    private static String withAllRoles(String token) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + b64(allRoles(token).toString()) + "." + parts[2];
    }

    /** The payload rewritten to carry every role, {@code alg: none} and no signature. */
    private static String unsigned(String token) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(allRoles(token).toString()) + ".";
    }

    private static JsonNode allRoles(String token) {
        ObjectNode claims = (ObjectNode) Identities.claims(token);
        var roles = ((ObjectNode) claims.with("realm_access")).putArray("roles");
        Identities.API_ROLES.forEach(roles::add);
        return claims;
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode merged() throws IOException {
        return OpenApiModel.JSON.readTree(given().baseUri(Suite.get().gatewayUrl()).get("/api/openapi.json").then().statusCode(200)
                .extract().asString());
    }

    // ------------------------------------------------------------------ the table

    private static void write(List<String> callers, Map<String, Cell> cells, long seconds) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Authorization matrix: " + operations.size() + " operations x " + callers.size() + " callers, " + cells.size()
                + " cells, " + 2 * cells.size() + " requests in " + seconds + " s.");
        lines.add("Each cell: status through the gateway / status straight from the service; '!' marks an unexpected one.");
        lines.add("Expected (access-policy.csv): 403 without one of the policy's roles, never 401/403 with one (random identifiers: 400/404/409 are fine),");
        lines.add("401 for every bad token on a protected operation; public links never refuse for a role.");
        lines.add("");
        for (String caller : callers) {
            lines.add(String.format("  %-16s %s", caller, ROLES.get(caller).isEmpty() ? "(no valid token)" : ROLES.get(caller)));
        }
        lines.add("");
        int width = operations.stream().mapToInt(o -> o.key().length()).max().orElse(40);
        int rolesWidth = 30;
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s  %-" + rolesWidth + "s", "operation", "policy's roles"));
        for (String caller : callers) {
            header.append(String.format(" %-9s", abbreviate(caller)));
        }
        lines.add(header.toString());
        lines.add("-".repeat(header.length()));
        for (Operation op : operations) {
            AccessPolicy.Rule rule = AccessPolicy.of(op.key());
            String roles = rule.isPublic() ? "(public)" : String.join(",", new TreeSet<>(rule.roles()));
            StringBuilder row = new StringBuilder(String.format("%-" + width + "s  %-" + rolesWidth + "s", op.key(),
                    roles.length() > rolesWidth ? roles.substring(0, rolesWidth - 1) + "~" : roles));
            for (String caller : callers) {
                Cell c = cells.get(op.key() + "|" + caller);
                row.append(String.format(" %-9s", c == null ? "?" : c.gateway() + "/" + c.direct()));
            }
            lines.add(row.toString());
        }
        Path file = Path.of("target", "authorization-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String caller) {
        return switch (caller) {
            case "partner-cpam-rhone" -> "cpam";
            case "partner-chu-rennes" -> "chu";
            case "bad signature" -> "bad-sig";
            case "forged roles" -> "forged";
            case "other realm" -> "master";
            case "no token" -> "none";
            default -> caller.replace(' ', '-');
        };
    }
}
