import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Demo data for the statistics (DEMO ONLY, never on real data): cases of the three most recent months
 * already released (their end plus the 45-day freeze delay is past), written into case-service's
 * database as case-service records them (person, case, its assignment, a contact by its social worker).
 *
 *  - RHONE_ALPES: three teams (RA-LYON: alice, bruno, chloe, lucas; RA-GRENOBLE: david, maelle, nathan;
 *    RA-SAINT-ETIENNE: olivia, paul, quentin), ten social workers, evenly loaded: its figures are released.
 *  - BRETAGNE: one team (BR-RENNES: emma, fanny): its figures would be that team's activity, so they are
 *    masked (unit-too-small); the national figures still count its cases.
 *
 * Idempotent (fixed ids); a month already released before the seed is left alone (what was released
 * never changes). Run after case-service has migrated its database, then release with
 * POST /api/cases/admin/stats/export (deploy/local/run.sh does both).
 *
 * Usage: java -cp postgresql.jar DemoSeed.java jdbc:postgresql://host:port/cases superuser
 */
public class DemoSeed {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Duration FREEZE_DELAY = Duration.ofDays(45);
    static final String[][] RHONE = { { "RA-LYON", "alice", "bruno", "chloe", "lucas" }, { "RA-GRENOBLE", "david", "maelle", "nathan" },
            { "RA-SAINT-ETIENNE", "olivia", "paul", "quentin" } };
    static final String[][] BRETAGNE = { { "BR-RENNES", "emma", "fanny" } };
    static final String[] AGES = { "1998-05-01", "1985-03-01", "1974-09-01", "1965-06-01", "1955-02-01" };
    static final String[] THEMES = { "JOB_RETENTION", "JOB_RETENTION", "JOB_RETENTION", "ACCESS_TO_CARE", "DISABILITY",
            "HOSPITAL_DISCHARGE", "ACCESS_TO_RIGHTS" };
    static final String[] ORIGINS = { "SELF", "SELF", "PARTNER_SIGNAL", "PARTNER_SIGNAL", "HOSPITAL", "OUTREACH_OFFER" };

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(args[0], args[1], env("ANAISS_PG_SUPERUSER_PASSWORD", ""))) {
            c.setAutoCommit(false);
            int cases = 0;
            for (YearMonth month : releasedMonths(Instant.now(), 3)) {
                if (released(c, month)) {
                    System.out.println("demo seed: " + month + " was released before the seed; left as released");
                    continue;
                }
                Random random = new Random(month.hashCode());
                cases += seed(c, month, "RHONE_ALPES", RHONE, 66, random);
                cases += seed(c, month, "BRETAGNE", BRETAGNE, 40, random);
                c.commit();
                System.out.println("demo seed: " + month + " seeded (RHONE_ALPES: 3 teams, 10 social workers; BRETAGNE: 1 team)");
            }
            System.out.println("demo seed: " + cases + " cases written (existing ones kept)");
        }
    }

    /** The n most recent months whose release (end + freeze delay) is past, oldest first. */
    static List<YearMonth> releasedMonths(Instant now, int n) {
        YearMonth m = YearMonth.from(LocalDate.ofInstant(now, PARIS));
        List<YearMonth> months = new ArrayList<>();
        while (months.size() < n) {
            if (!m.plusMonths(1).atDay(1).atStartOfDay(PARIS).toInstant().plus(FREEZE_DELAY).isAfter(now)) {
                months.add(0, m);
            }
            m = m.minusMonths(1);
        }
        return months;
    }

    static boolean released(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from stats_export where snapshot_key = ?")) {
            ps.setString(1, "case-service/cases_opened/MONTH/" + month);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    static int seed(Connection c, YearMonth month, String region, String[][] teams, int n, Random random) throws SQLException {
        int written = 0;
        for (int i = 0; i < n; i++) {
            String[] team = teams[i % teams.length];
            String worker = team[1 + (i / teams.length) % (team.length - 1)];
            UUID person = id("person", month, region, i);
            UUID kase = id("case", month, region, i);
            LocalDate opened = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
            Instant openedAt = opened.atTime(9 + random.nextInt(8), random.nextInt(60)).atZone(PARIS).toInstant();
            boolean closes = random.nextInt(3) == 0;
            Instant closedAt = closes ? openedAt.plus(Duration.ofDays(20 + random.nextInt(40))) : null;
            String name = "Demo-" + region.substring(0, 2) + "-" + month + "-" + i;
            written += update(c, """
                    insert into person (id, region, last_name, first_name, last_name_norm, first_name_norm, birth_date, sex,
                                        created_at, updated_at)
                    values (?, ?, ?, 'Demo', upper(?), 'DEMO', ?::date, ?, ?, ?) on conflict (id) do nothing""",
                    person, region, name, name, AGES[random.nextInt(AGES.length)], random.nextInt(5) < 3 ? "FEMALE" : "MALE",
                    utc(openedAt), utc(openedAt));
            update(c, """
                    insert into support_case (id, person_id, region, team, assigned_to, theme, origin, status, closure_reason,
                                              opened_at, closed_at, last_contact_at, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                    kase, person, region, team[0], worker, THEMES[random.nextInt(THEMES.length)],
                    ORIGINS[random.nextInt(ORIGINS.length)], closes ? "CLOSED" : "OPEN", closes ? "COMPLETED_AT_PERSONS_REQUEST" : null,
                    utc(openedAt), utc(closedAt), utc(openedAt.plus(Duration.ofDays(2))), utc(openedAt), utc(openedAt));
            update(c, "insert into case_assignment (id, case_id, team, assigned_to, from_day) values (?, ?, ?, ?, ?) "
                    + "on conflict (id) do nothing", id("assignment", month, region, i), kase, team[0], worker, opened);
            update(c, "insert into contact (id, case_id, occurred_at, mode, author, created_at) values (?, ?, ?, 'OFFICE', ?, ?) "
                    + "on conflict (id) do nothing", id("contact", month, region, i), kase, utc(openedAt.plus(Duration.ofDays(2))),
                    worker, utc(openedAt.plus(Duration.ofDays(2))));
        }
        return written;
    }

    static UUID id(String what, YearMonth month, String region, int i) {
        return UUID.nameUUIDFromBytes(("anaiss-demo-" + what + "-" + month + "-" + region + "-" + i).getBytes(StandardCharsets.UTF_8));
    }

    static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    static String env(String key, String def) {
        String v = System.getenv(key);
        return v == null || v.isEmpty() ? def : v;
    }
}
