package org.anaiss.load;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Valid request bodies (the records of case-service's and outreach-service's rest.api packages) and
 * the cases each worker may read: valid NIRs (control key computed, as system-tests' Fixtures does),
 * identities no one else uses (so duplicate detection never answers 409).
 */
final class Data {

    /** Social workers and team leads of deploy/keycloak/anaiss-realm.json, with the region their persons live in. */
    static final List<String> WORKERS = List.of("alice", "bruno", "chloe", "david", "emma", "fanny");
    static final Map<String, String> DEPARTMENT = Map.of("alice", "69", "bruno", "69", "chloe", "69", "david", "38",
            "emma", "35", "fanny", "35");
    static final String STATISTICIAN = "ines";

    private static final String[] THEMES = { "JOB_RETENTION", "ACCESS_TO_CARE", "HOSPITAL_DISCHARGE", "DISABILITY", "AUTONOMY",
            "ACCESS_TO_RIGHTS", "OTHER" };
    private static final String[] ORIGINS = { "SELF", "HOSPITAL", "OTHER" };
    private static final String[] CONTACT_MODES = { "OFFICE", "PHONE", "HOME_VISIT", "VIDEO", "LETTER" };
    private static final String[] SIGNAL_TYPES = { "SICK_LEAVE_90_DAYS", "HOSPITAL_DISCHARGE", "DISABILITY_PENSION",
            "WORK_UNFITNESS_RISK", "OTHER" };
    private static final String[] FIRST_NAMES = { "Marie", "Jean", "Nadia", "Paul", "Lea", "Karim", "Sophie", "Yann" };
    private static final String[] MEASURES = { "cases_opened", "cases_closed", "persons_accompanied" };
    private static final String[] GRANULARITIES = { "MONTH", "QUARTER", "YEAR" };
    private static final String[] GROUP_BYS = { "region", "theme", "origin", "ageBand,sex", "region,theme" };
    /** Cases a worker reads and writes to: the most recent ones of their own, as a worker's list shows them. */
    private static final int POOL_SIZE = 500;
    private static final Map<String, CasePool> POOLS = new ConcurrentHashMap<>();

    private Data() {
    }

    private static ThreadLocalRandom random() {
        return ThreadLocalRandom.current();
    }

    static <T> T pick(T[] values) {
        return values[random().nextInt(values.length)];
    }

    static String worker() {
        return WORKERS.get(random().nextInt(WORKERS.size()));
    }

    /** A random, valid NIR: sex digit, year and month of birth, department, commune, order, 2-digit key. */
    static String nir(boolean female, LocalDate birth, String department) {
        String body = String.format("%d%02d%02d%s%03d%03d", female ? 2 : 1, birth.getYear() % 100, birth.getMonthValue(),
                department, random().nextInt(1, 1000), random().nextInt(1, 1000));
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }

    /** A last name no other run uses: 12 random letters. */
    static String lastName() {
        StringBuilder sb = new StringBuilder("Load");
        for (int i = 0; i < 12; i++) {
            sb.append((char) ('a' + random().nextInt(26)));
        }
        return sb.toString();
    }

    static LocalDate birthDate() {
        return LocalDate.of(random().nextInt(1950, 2004), random().nextInt(1, 13), random().nextInt(1, 29));
    }

    /** case-service PersonRequest: a person of the worker's region. */
    static String personBody(String worker) {
        boolean female = random().nextBoolean();
        LocalDate birth = birthDate();
        return String.format("{\"lastName\":\"%s\",\"firstName\":\"%s\",\"birthDate\":\"%s\",\"sex\":\"%s\",\"nir\":\"%s\","
                + "\"postalCode\":\"%s000\",\"city\":\"Ville\",\"phone\":\"+33 4 72 00 00 00\",\"preferredChannel\":\"PHONE\"}",
                lastName(), pick(FIRST_NAMES), birth, female ? "FEMALE" : "MALE", nir(female, birth, DEPARTMENT.get(worker)),
                DEPARTMENT.get(worker));
    }

    /** case-service CaseCreateRequest: the worker takes the case. */
    static String caseBody(String personId, String worker) {
        return String.format("{\"personId\":\"%s\",\"theme\":\"%s\",\"origin\":\"%s\",\"assignedTo\":\"%s\"}", personId, pick(THEMES),
                pick(ORIGINS), worker);
    }

    /** case-service ContactRequest: a contact of the last few days. */
    static String contactBody() {
        Instant at = Instant.now().minus(random().nextInt(5, 7 * 24 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return String.format("{\"occurredAt\":\"%s\",\"mode\":\"%s\",\"notes\":\"Follow-up: situation reviewed, next steps agreed with the person.\"}",
                at, pick(CONTACT_MODES));
    }

    /** outreach-service SignalRequest from the CPAM of the Rhône: a person of RHONE_ALPES. */
    static String signalBody() {
        boolean female = random().nextBoolean();
        LocalDate birth = birthDate();
        return String.format("{\"person\":{\"nir\":\"%s\",\"lastName\":\"%s\",\"firstName\":\"%s\",\"birthDate\":\"%s\",\"region\":\"RHONE_ALPES\","
                + "\"postalCode\":\"69003\",\"city\":\"Lyon\"},\"signalType\":\"%s\",\"signalDate\":\"%s\",\"sendingSystem\":\"load-test\"}",
                nir(female, birth, "69"), lastName(), pick(FIRST_NAMES), birth, pick(SIGNAL_TYPES),
                LocalDate.now().minusDays(random().nextInt(0, 30)));
    }

    static String idempotencyKey() {
        return UUID.randomUUID().toString();
    }

    /** A stats-service table query: /api/stats/tables/{measure}?granularity=...&groupBy=... */
    static String statsQuery() {
        return pick(MEASURES) + "?granularity=" + pick(GRANULARITIES) + "&groupBy=" + pick(GROUP_BYS);
    }

    static CasePool pool(String worker) {
        return POOLS.computeIfAbsent(worker, w -> new CasePool(POOL_SIZE));
    }

    /** The last cases of one worker (a ring): the ones they open during the run replace the oldest. */
    static final class CasePool {
        private final String[] ids;
        private int next;
        private int size;

        CasePool(int capacity) {
            this.ids = new String[capacity];
        }

        synchronized void add(String id) {
            ids[next] = id;
            next = (next + 1) % ids.length;
            size = Math.min(size + 1, ids.length);
        }

        synchronized String any() {
            return size == 0 ? null : ids[random().nextInt(size)];
        }

        synchronized int size() {
            return size;
        }

        synchronized List<String> all() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                out.add(ids[i]);
            }
            return out;
        }
    }
}
