package org.anaiss.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.problem.ProblemException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Background verification of the audit hash chains, for periods too large for one request (the
 * gateway gives up after 15 s). A job walks its period's records by seq, one chunk per transaction,
 * with the same checks as the synchronous verification, and stores its figures and the highest seq
 * verified with each chunk: interrupted anywhere (crash, restart, deployment), it goes on from its
 * last completed chunk and counts nothing twice. The service's scheduled tick calls {@link #resume()};
 * the job's row is locked for each chunk (SKIP LOCKED), so replicas never work on the same chunk, and
 * the database admits one running job at a time (table audit_verification_job).
 */
@ApplicationScoped
public class AuditVerificationJobs {

    private static final Logger LOG = Logger.getLogger(AuditVerificationJobs.class);
    /** Periods the database can store; beyond, a clear 400 rather than an error of the driver. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final String COLUMNS = "id, state, period_from, period_to, records_checked, broken_records, first_broken_seq, "
            + "started_at, finished_at, failure, last_seq";

    private final AuditLayout layout;
    private final AuditReader reader;
    private final Clock clock;

    public AuditVerificationJobs(AuditLayout layout, AuditReader reader, Clock clock) {
        this.layout = layout;
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Starts a job over [from, to), with the defaults and checks of the synchronous verification.
     * Refused with 409 while another job runs.
     */
    public Uni<AuditJob> start(Instant from, Instant to) {
        if (outsideStorableRange(from) || outsideStorableRange(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-period", "Invalid period",
                    "'from' and 'to' must lie between the years 1 and 9999."));
        }
        AuditReader.Period period;
        try {
            period = AuditReader.verificationPeriod(from, to, clock);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = clock.instant();
        // as the database stores them
        AuditJob job = new AuditJob(UUID.randomUUID(), AuditJob.State.RUNNING, period.from().truncatedTo(ChronoUnit.MICROS),
                period.to().truncatedTo(ChronoUnit.MICROS), 0, 0, null, null, now, null, null);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select id from audit_verification_job where state = 'RUNNING' limit 1", UUID.class).getResultList()
                .chain(running -> running.isEmpty() ? s.createNativeQuery("""
                        insert into audit_verification_job (id, state, period_from, period_to, started_at, updated_at)
                        values (:id, 'RUNNING', :from, :to, :now, :now)""")
                        .setParameter("id", job.id()).setParameter("from", job.from()).setParameter("to", job.to())
                        .setParameter("now", now).executeUpdate()
                        : Uni.createFrom().failure(alreadyRunning(running.get(0))))))
                // two starts at once: the unique index on the running state lets one through
                .onFailure(e -> Rows.hasSqlState(e, "23505")).transform(e -> alreadyRunning(null))
                .invoke(() -> LOG.infof("audit verification %s started", job.id()))
                .replaceWith(job);
    }

    public Uni<AuditJob> find(UUID id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select " + COLUMNS + " from audit_verification_job where id = :id", Object[].class)
                .setParameter("id", id).getResultList()))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new ProblemException(404, "not-found", "Not found",
                                "Verification job " + id + " does not exist or is outside your scope.", null);
                    }
                    return job(rows.get(0));
                });
    }

    /** The latest jobs, newest first. */
    public Uni<List<AuditJob>> latest(int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select " + COLUMNS + " from audit_verification_job order by started_at desc, id limit :n", Object[].class)
                .setParameter("n", limit).getResultList()))
                .map(rows -> rows.stream().map(AuditVerificationJobs::job).toList());
    }

    /** For the service's scheduled tick: never fails (logged; the next tick resumes). */
    public Uni<Void> tick() {
        return resume()
                .onFailure().invoke(e -> LOG.warnf("audit verification: no running job could be looked up (%s); the next tick resumes",
                        Rows.rootCause(e).getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /**
     * Works on the running job, if any, chunk after chunk from its last completed one, until it is done,
     * or another replica holds it. A new job starts here too, and one left running by a crash resumes.
     */
    public Uni<Void> resume() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select id from audit_verification_job where state = 'RUNNING' limit 1", UUID.class).getResultList()))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem() : work(ids.get(0)));
    }

    private Uni<Void> work(UUID id) {
        // repeated rather than recursive: a long period is thousands of chunks
        return Multi.createBy().repeating().uni(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> chunk(s, id))))
                .whilst(more -> more)
                // recorded (and logged) with the job; the next tick tries the chunk again
                .onFailure().call(e -> recordFailure(id, e))
                .onFailure().recoverWithCompletion()
                .collect().last().replaceWithVoid();
    }

    /** One chunk in the session's transaction; true when there is more to do. */
    private Uni<Boolean> chunk(Mutiny.Session s, UUID id) {
        int size = Math.max(1, layout.chunkSize());
        return s.createNativeQuery("select " + COLUMNS + " from audit_verification_job where id = :id and state = 'RUNNING' "
                + "for update skip locked", Object[].class).setParameter("id", id).getResultList()
                .chain(locked -> {
                    if (locked.isEmpty()) {
                        // done, failed, or another replica is on this chunk
                        return Uni.createFrom().item(false);
                    }
                    AuditJob job = job(locked.get(0));
                    long lastSeq = Rows.longValue(locked.get(0)[10]);
                    return verifyChunk(s, job.from(), job.to(), lastSeq, size).chain(row -> {
                        long checked = Rows.longValue(row[0]);
                        long broken = Rows.longValue(row[3]);
                        // chunks go in seq order: the first one found is the lowest
                        Long firstBroken = job.firstBrokenSeq() != null ? job.firstBrokenSeq() : Rows.longOrNull(row[2]);
                        long newLast = row[1] != null ? Rows.longValue(row[1]) : lastSeq;
                        boolean last = checked < size;
                        Uni<Long> heads = last ? s.createNativeQuery(AuditReader.BROKEN_HEADS, Long.class).getSingleResult()
                                : Uni.createFrom().item(0L);
                        return heads.chain(h -> s.createNativeQuery("""
                                update audit_verification_job
                                set records_checked = records_checked + :checked, broken_records = broken_records + :broken,
                                    first_broken_seq = :first, last_seq = :last, attempts = 0, failure = null, updated_at = :now,
                                    state = :state, finished_at = :finished
                                where id = :id""")
                                .setParameter("checked", checked).setParameter("broken", broken + h)
                                .setParameter("first", firstBroken).setParameter("last", newLast)
                                .setParameter("now", clock.instant()).setParameter("state", last ? "DONE" : "RUNNING")
                                .setParameter("finished", last ? clock.instant() : null).setParameter("id", id).executeUpdate()
                                .invoke(() -> {
                                    if (last) {
                                        long allBroken = job.brokenRecords() + broken + h;
                                        LOG.infof("audit verification %s done: %d records checked, %d broken", id,
                                                job.recordsChecked() + checked, allBroken);
                                    }
                                }))
                                .map(x -> !last);
                    });
                });
    }

    /**
     * The next {@code size} records of [from, to) after seq {@code afterSeq}, in seq order, checked as by
     * the synchronous verification (chain heads apart). Returns [records checked, highest seq checked or
     * null, first broken seq or null, broken count].
     */
    private Uni<Object[]> verifyChunk(Mutiny.Session s, Instant from, Instant to, long afterSeq, int size) {
        String sql = """
                with chunk as (
                  select * from audit_record
                  where at >= :from and at < :to and seq > :after
                  order by seq limit :size
                ), checked as (""" + reader.recordChecks("chunk") + """
                )
                select count(*), max(seq),
                       min(seq) filter (where not (content_ok and link_ok)),
                       count(*) filter (where not (content_ok and link_ok))
                from checked
                """;
        return s.createNativeQuery(sql, Object[].class).setParameter("from", from).setParameter("to", to)
                .setParameter("after", afterSeq).setParameter("size", size).getSingleResult();
    }

    /** After a failed chunk (rolled back): counts the attempt; too many in a row and the job is FAILED. */
    private Uni<Void> recordFailure(UUID id, Throwable failure) {
        String type = Rows.rootCause(failure).getClass().getSimpleName();
        int max = Math.max(1, layout.maxAttempts());
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                update audit_verification_job
                set attempts = attempts + 1, failure = :failure, updated_at = :now,
                    state = case when attempts + 1 >= :max then 'FAILED' else state end,
                    finished_at = case when attempts + 1 >= :max then :now else finished_at end
                where id = :id and state = 'RUNNING'""")
                .setParameter("failure", type.length() > 100 ? type.substring(0, 100) : type)
                .setParameter("now", now).setParameter("max", max).setParameter("id", id).executeUpdate()))
                .invoke(() -> LOG.warnf("audit verification %s: a chunk failed (%s); the next tick tries it again", id, type))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static AuditJob job(Object[] c) {
        AuditJob.State state = AuditJob.State.valueOf((String) c[1]);
        long broken = Rows.longValue(c[5]);
        return new AuditJob((UUID) c[0], state, Rows.instant(c[2]), Rows.instant(c[3]), Rows.longValue(c[4]), broken,
                Rows.longOrNull(c[6]), state == AuditJob.State.DONE ? broken == 0 : null, Rows.instant(c[7]), Rows.instant(c[8]),
                (String) c[9]);
    }

    private static boolean outsideStorableRange(Instant instant) {
        return instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST));
    }

    private static ProblemException alreadyRunning(UUID running) {
        return new ProblemException(409, "verification-running", "Verification already running",
                "A verification job is already running; follow it, and start another once it is done.",
                running == null ? null : Map.of("runningJobId", running.toString()));
    }
}
