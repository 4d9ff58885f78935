import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staff application's pages at N concurrent signed-in users (bench/web-pages.sh starts what it
 * needs). Each user signs in on Keycloak's login page as a browser would (code flow with PKCE through
 * the gateway), then loops over the pages of a working day without pause, for a warm-up and then a
 * measured period. Reports per page the server time seen on loopback (p50, p99), and the bytes a
 * browser transfers, compressed, for a first visit (page, stylesheet, script, logo) and a repeat
 * visit (the page alone: the assets are cached a year, by version).
 *
 * -Dthink.ms=N: each user waits N ms between pages (default 0, no pause).
 *
 * Usage: java [-Dthink.ms=N] WebPagesBench.java <gateway url> <users> <warm-up s> <measure s> <case id> <person id> <username...>
 */
public class WebPagesBench {

    record Page(String name, String path) {
    }

    // a person reads a page before the next one; 0 (default) is a stress test: 16 loops without pause
    // saturate the 2 cores the benchmark shares with the servers, Keycloak and Kafka, and measure queueing
    private static final long THINK_MS = Long.getLong("think.ms", 0);
    /** Requests slower than this are listed with their time, to tell a server-wide stall from a slow page. */
    private static final long SLOW_MS = Long.getLong("slow.ms", 100);
    private static final List<String> SLOW = new CopyOnWriteArrayList<>();
    private static volatile long START;

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        int users = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int measure = Integer.parseInt(args[3]);
        String caseId = args[4];
        String personId = args[5];
        List<String> usernames = List.of(args).subList(6, args.length);
        List<Page> pages = List.of(new Page("my cases", "/app/cases"), new Page("team cases", "/app/cases?scope=team"),
                new Page("case file", "/app/cases/" + caseId), new Page("person", "/app/persons/" + personId),
                new Page("find a person", "/app/persons/search"), new Page("register a person", "/app/persons/new"));
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();

        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            sessions.add(signIn(http, gateway, usernames.get(i % usernames.size())));
        }
        System.err.printf("%d users signed in%n", users);
        bytes(http, gateway, sessions.get(0));

        Map<String, List<Long>> times = new ConcurrentHashMap<>();
        run(http, gateway, sessions, pages, warmup, null);
        List<String> errors = new CopyOnWriteArrayList<>();
        run(http, gateway, sessions, pages, measure, times, errors);
        System.out.printf("%n%d concurrent signed-in users, %d s measured (after %d s of warm-up), loopback%n", users, measure, warmup);
        System.out.printf("%-20s %10s %10s %10s %10s%n", "page", "requests", "p50 ms", "p99 ms", "max ms");
        long all = 0;
        double worstP99 = 0;
        for (Page page : pages) {
            List<Long> t = new ArrayList<>(times.getOrDefault(page.name(), List.of()));
            Collections.sort(t);
            all += t.size();
            double p99 = pct(t, 0.99);
            worstP99 = Math.max(worstP99, p99);
            System.out.printf("%-20s %10d %10.1f %10.1f %10.1f%n", page.name(), t.size(), pct(t, 0.50), p99,
                    t.isEmpty() ? 0 : t.get(t.size() - 1) / 1e6);
        }
        System.out.printf("think time %d ms; %d pages in %d s (%.0f pages/s); slowest p99 %.1f ms against the 100 ms target; errors: %d%n", THINK_MS, all, measure,
                all / (double) measure, worstP99, errors.size());
        if (!SLOW.isEmpty()) {
            List<String> slow = new ArrayList<>(SLOW);
            Collections.sort(slow);
            System.out.printf("%d requests over %d ms (at most 40 listed, by time):%n", slow.size(), SLOW_MS);
            slow.stream().limit(40).forEach(System.out::println);
        }
        if (!errors.isEmpty()) {
            System.out.println("first errors: " + errors.subList(0, Math.min(5, errors.size())));
            System.exit(1);
        }
    }

    private static void run(HttpClient http, String gateway, List<String> sessions, List<Page> pages, int seconds,
            Map<String, List<Long>> times) throws InterruptedException {
        run(http, gateway, sessions, pages, seconds, times, new CopyOnWriteArrayList<>());
    }

    private static void run(HttpClient http, String gateway, List<String> sessions, List<Page> pages, int seconds,
            Map<String, List<Long>> times, List<String> errors) throws InterruptedException {
        START = System.nanoTime();
        long end = START + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(sessions.size());
        for (int u = 0; u < sessions.size(); u++) {
            String cookie = sessions.get(u);
            int offset = u;
            pool.submit(() -> {
                int i = offset;
                if (THINK_MS > 0) {
                    // people do not all click in the same millisecond: each starts somewhere in a think time
                    // (without this, the 16 first requests of the measure arrive together, a burst of the harness)
                    try {
                        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(THINK_MS + 1));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                while (System.nanoTime() < end) {
                    Page page = pages.get(i++ % pages.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + page.path())).timeout(Duration.ofSeconds(30))
                            .header("Cookie", "anaiss_session=" + cookie).header("Accept-Encoding", "gzip").GET().build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t0;
                        if (times != null && took > TimeUnit.MILLISECONDS.toNanos(SLOW_MS)) {
                            // when, from the start of the measure, and which page: stalls that hit every page at once
                            // point at the server as a whole (a pause, a job), not at one page's work
                            SLOW.add(String.format("  at %6.2f s  %-18s %4d ms", (t0 - START) / 1e9, page.name(), took / 1_000_000));
                        }
                        if (r.statusCode() != 200) {
                            errors.add(page.name() + ": " + r.statusCode());
                        } else if (times != null) {
                            times.computeIfAbsent(page.name(), k -> new CopyOnWriteArrayList<>()).add(took);
                        }
                    } catch (Exception e) {
                        errors.add(page.name() + ": " + e.getClass().getSimpleName());
                    }
                    if (THINK_MS > 0) {
                        try {
                            // jittered, so that 16 people do not click in the same millisecond
                            Thread.sleep(THINK_MS / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(THINK_MS + 1));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    }

    /** Bytes on the wire (gzip) of a first visit of "my cases" and of a repeat visit. */
    private static void bytes(HttpClient http, String gateway, String cookie) throws Exception {
        HttpResponse<byte[]> page = http.send(HttpRequest.newBuilder(URI.create(gateway + "/app/cases"))
                .header("Cookie", "anaiss_session=" + cookie).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long html = page.body().length;
        String plain = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(page.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        Map<String, Long> assets = new LinkedHashMap<>();
        Matcher m = ASSET.matcher(plain);
        while (m.find()) {
            String path = m.group(1).replace("&amp;", "&");
            HttpResponse<byte[]> a = http.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Accept-Encoding", "gzip")
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assets.put(path.replaceAll("\\?.*", "") + " (" + a.headers().firstValue("Cache-Control").orElse("") + ")",
                    (long) a.body().length);
        }
        long first = html + assets.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%nbytes transferred, compressed (bodies; headers add about 0.5 KB per response):%n");
        System.out.printf("  my cases page: %d bytes%n", html);
        assets.forEach((k, v) -> System.out.printf("  %s: %d bytes%n", k, v));
        System.out.printf("  first visit: %.1f KB (target: under 300 KB); repeat visit: %.1f KB%n", first / 1024.0, html / 1024.0);
    }

    /** Signs in as a browser does: the gateway sends to Keycloak, the login form, back to the gateway. */
    static String signIn(HttpClient http, String gateway, String username) throws Exception {
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(gateway + "/app/cases")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String signInCookie = cookie(start, "anaiss_signin");
        String authorize = start.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String keycloakCookies = String.join("; ", login.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
        Matcher action = FORM_ACTION.matcher(login.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form at Keycloak for " + username);
        }
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=demo";
        HttpResponse<String> back = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", keycloakCookies)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String callback = back.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("Keycloak refused " + username));
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(callback)).header("Cookie", "anaiss_signin=" + signInCookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return cookie(done, "anaiss_session");
    }

    private static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1)
                .split(";", 2)[0]).findFirst().orElseThrow(() -> new IllegalStateException("no cookie " + name + " (status " + r.statusCode() + ")"));
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
