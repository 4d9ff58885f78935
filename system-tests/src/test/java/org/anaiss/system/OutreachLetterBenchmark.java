package org.anaiss.system;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Benchmark (not a test; run it explicitly): launch of a LETTER campaign for N signalled people
 * (default 100 000) on the packaged outreach-service, against the plain SQL INSERT ... SELECT that
 * produces the same offer rows, with the service's peak resident memory during the launch.
 *
 * <pre>
 * ./mvnw -B verify -pl system-tests -Danaiss.it.base-port=28080 -Dit.test=OutreachLetterBenchmark [-Dbench.people=100000]
 * </pre>
 * Figures are printed and written to system-tests/target/outreach-letter-benchmark.txt. The benchmark's
 * signals, offers, letters and campaign are deleted afterwards.
 */
class OutreachLetterBenchmark {

    private static final int PEOPLE = Integer.getInteger("bench.people", 100_000);
    private static final int BATCH = 1000;

    @BeforeAll
    static void suite() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
    }

    @Test
    void letterCampaignForManyPeople() throws Exception {
        LocalDate day = OutreachSupport.uniqueDay();
        String partner = OutreachSupport.chu();
        long seedStart = System.nanoTime();
        for (int sent = 0; sent < PEOPLE; sent += BATCH) {
            List<Object> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, PEOPLE - sent); i++) {
                batch.add(OutreachSupport.signal(OutreachSupport.nir(), Fixtures.uniqueLastName(), "BRETAGNE", "DISABILITY_PENSION",
                        null, day));
            }
            given().auth().oauth2(OutreachSupport.chu()).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("signals", batch))
                    .post("/api/partners/signals/batch").then().statusCode(200);
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        String helene = Tokens.user("helene");
        Map<String, Object> body = OutreachSupport.campaign("LETTER", List.of("DISABILITY_PENSION"), day);
        String campaign = OutreachSupport.createCampaign(helene, body);
        long targets = ((Number) given().auth().oauth2(helene).post("/api/outreach/campaigns/" + campaign + "/preview")
                .then().statusCode(200).extract().path("targets")).longValue();

        // the same offer rows by plain SQL, into a scratch table, before the launch (same eligibility rules)
        double sqlSeconds;
        long sqlRows;
        try (Connection c = Db.superuser("outreach"); Statement st = c.createStatement()) {
            st.execute("create temp table bench_offer (like offer including defaults)");
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(PLAIN_INSERT_SELECT)) {
                ps.setObject(1, UUID.fromString(campaign));
                ps.setObject(2, day);
                ps.setObject(3, day);
                sqlRows = ps.executeUpdate();
            }
            sqlSeconds = (System.nanoTime() - t0) / 1e9;
        }

        long pid = servicePid();
        clearPeak(pid);
        AtomicLong peakRss = new AtomicLong(rssKb(pid));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        given().auth().oauth2(helene).post("/api/outreach/campaigns/" + campaign + "/launch").then().statusCode(202);
        Map<String, Object> view;
        while (true) {
            view = given().auth().oauth2(Tokens.user("helene")).get("/api/outreach/campaigns/" + campaign).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            if ("DONE".equals(view.get("status"))) {
                break;
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(60).toNanos()) {
                throw new IllegalStateException("launch not finished after 60 minutes: " + view.get("progress"));
            }
            Thread.sleep(500);
        }
        double launchSeconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        long hwm = hwmKb(pid);

        long letters;
        long letterBytes;
        long batches;
        try (Connection c = Db.superuser("outreach");
                PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(octet_length(l.pdf_ct)), 0) from offer_letter l "
                        + "join offer o on o.id = l.offer_id where o.campaign_id = ?");
                PreparedStatement pb = c.prepareStatement("select count(*) from letter_batch where campaign_id = ?")) {
            ps.setObject(1, UUID.fromString(campaign));
            pb.setObject(1, UUID.fromString(campaign));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                letters = rs.getLong(1);
                letterBytes = rs.getLong(2);
            }
            try (ResultSet rs = pb.executeQuery()) {
                rs.next();
                batches = rs.getLong(1);
            }
        }
        String report = String.format("""
                outreach-service LETTER campaign benchmark (%s)
                people signalled: %d (seeded through the partner batch API in %.1f s)
                targets (preview): %d; offers created: %s; letters rendered: %d in %d merged batch PDFs (avg %.1f KiB per encrypted letter)
                launch (offers created + PDFs rendered, merged, encrypted, stored): %.1f s (%.0f offers/s)
                plain SQL INSERT ... SELECT of the same %d offer rows: %.2f s
                ratio launch / INSERT ... SELECT: %.0f x
                outreach-service peak RSS during the launch: %d MiB (sampled), VmHWM since reset %d MiB; heap limit -Xmx384m (Suite)
                """, java.time.Instant.now(), PEOPLE, seedSeconds, targets, view.get("progress"), letters, batches,
                letters == 0 ? 0.0 : letterBytes / 1024.0 / letters, launchSeconds, letters / launchSeconds, sqlRows, sqlSeconds,
                launchSeconds / sqlSeconds, peakRss.get() / 1024, hwm / 1024);
        System.out.println(report);
        Path out = Path.of(System.getProperty("anaiss.root", "..")).resolve("system-tests/target/outreach-letter-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        cleanUp(UUID.fromString(campaign), day);
        if (letters != targets || sqlRows != targets) {
            throw new AssertionError("expected " + targets + " letters and SQL rows, got " + letters + " and " + sqlRows);
        }
    }

    /** OfferTargets.INSERT of outreach-service, written out with this campaign's values. */
    private static final String PLAIN_INSERT_SELECT = "insert into bench_offer (id, campaign_id, signal_id, person_key, region, "
            + "signal_type, channel, status, expires_at, created_at) "
            + "select gen_random_uuid(), ?, t.id, t.person_key, t.region, t.signal_type, 'LETTER', 'PENDING', now() + interval '30 days', now() "
            + "from (select distinct on (s.person_key) s.id, s.person_key, s.region, s.signal_type from signal s "
            + "where s.region = 'BRETAGNE' and s.signal_type = any(array['DISABILITY_PENSION']) and s.signal_date between ? and ? "
            + "and s.has_address "
            + "and not exists (select 1 from offer o where o.signal_id = s.id) "
            + "and not exists (select 1 from offer o where o.person_key = s.person_key and o.status in ('PENDING', 'SENT', 'POSTPONED')) "
            + "and not exists (select 1 from objection j where j.person_key = s.person_key) "
            + "and not exists (select 1 from known_case k where k.person_key = s.person_key and k.status <> 'CLOSED') "
            + "order by s.person_key, s.signal_date desc, s.received_at desc, s.id) t";

    private static void cleanUp(UUID campaign, LocalDate day) throws Exception {
        try (Connection c = Db.superuser("outreach"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("delete from offer_letter where offer_id in (select id from offer where campaign_id = '" + campaign + "')");
            st.execute("delete from letter_batch where campaign_id = '" + campaign + "'");
            st.execute("delete from offer where campaign_id = '" + campaign + "'");
            st.execute("delete from campaign where id = '" + campaign + "'");
            st.execute("delete from signal where signal_date = '" + day + "' and region = 'BRETAGNE' and signal_type = 'DISABILITY_PENSION' "
                    + "and not exists (select 1 from offer o where o.signal_id = signal.id)");
            c.commit();
        }
    }

    /** The outreach-service process this JVM started (a descendant of it), whatever its port. */
    private static long servicePid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("outreach-service/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("outreach-service process not found")).pid();
    }

    private static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    private static long hwmKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** Resets the kernel's peak-RSS counter (VmHWM) of the process, so the peak is the launch's. */
    private static void clearPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
        } catch (IOException e) {
            // not permitted: VmHWM then covers the whole life of the process; the sampled peak still holds
        }
    }
}
