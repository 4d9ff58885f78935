package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.AuditVerificationJob;
import org.anaiss.cases.domain.AuditVerificationJob.State;
import org.anaiss.cases.repository.AuditRepository;
import org.anaiss.cases.rest.api.AuditVerificationJobView;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Background verification of the audit hash chains, for periods too large for one request (the
 * gateway gives up after 15 s). A job walks its period's records by seq, one chunk per transaction,
 * with the same checks as the synchronous verification, and stores its figures and the highest seq
 * verified with each chunk: interrupted anywhere (crash, restart, deployment), it goes on from its
 * last completed chunk and counts nothing twice. A scheduled tick works on the running job; the job's
 * row is locked for each chunk (SKIP LOCKED), so replicas never work on the same chunk, and the
 * database admits one running job at a time.
 */
@ApplicationScoped
public class AuditVerificationService {

    private static final Logger LOG = Logger.getLogger(AuditVerificationService.class);
    /** Periods the database can store; beyond, a clear 400 rather than an error of the driver. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final AuditRepository audit;
    private final CaseConfig config;
    private final Clock clock;

    public AuditVerificationService(AuditRepository audit, CaseConfig config, Clock clock) {
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a job over [from, to), with the defaults and checks of the synchronous verification.
     * Refused with 409 while another job runs.
     */
    public Uni<AuditVerificationJobView> start(Instant from, Instant to) {
        if (outsideStorableRange(from) || outsideStorableRange(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-period", "Invalid period",
                    "'from' and 'to' must lie between the years 1 and 9999."));
        }
        AuditService.Period period;
        try {
            period = AuditService.verificationPeriod(from, to, clock);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = clock.instant();
        AuditVerificationJob job = new AuditVerificationJob();
        job.id = UUID.randomUUID();
        job.state = State.RUNNING;
        // as the database stores them
        job.periodFrom = period.from().truncatedTo(ChronoUnit.MICROS);
        job.periodTo = period.to().truncatedTo(ChronoUnit.MICROS);
        job.startedAt = now;
        job.updatedAt = now;
        return Panache.withTransaction(() -> AuditVerificationJob.<AuditVerificationJob>find("state", State.RUNNING).firstResult()
                .chain(running -> running != null ? Uni.createFrom().failure(alreadyRunning(running.id))
                        : job.persistAndFlush()))
                // two starts at once: the unique index on the running state lets one through
                .onFailure(AuditVerificationService::isUniqueViolation).transform(e -> alreadyRunning(null))
                .invoke(() -> LOG.infof("audit verification %s started", job.id))
                .replaceWith(() -> view(job));
    }

    @WithSession
    public Uni<AuditVerificationJobView> find(UUID id) {
        return AuditVerificationJob.<AuditVerificationJob>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Verification job " + id))
                .map(AuditVerificationService::view);
    }

    /** The latest jobs, newest first. */
    @WithSession
    public Uni<List<AuditVerificationJobView>> latest(int limit) {
        return AuditVerificationJob.<AuditVerificationJob>findAll(Sort.descending("startedAt").and("id"))
                .page(0, limit).list()
                .map(jobs -> jobs.stream().map(AuditVerificationService::view).toList());
    }

    @Scheduled(every = "${anaiss.cases.audit-verification.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "audit-verification")
    Uni<Void> tick() {
        return resume()
                .onFailure().invoke(e -> LOG.warnf("audit verification: no running job could be looked up (%s); the next tick resumes",
                        rootCause(e).getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /**
     * Works on the running job, if any, chunk after chunk from its last completed one, until it is done,
     * or another replica holds it. A new job starts here too, and one left running by a crash resumes.
     */
    public Uni<Void> resume() {
        return Panache.withSession(() -> AuditVerificationJob.<AuditVerificationJob>find("state", State.RUNNING).firstResult())
                .chain(job -> job == null ? Uni.createFrom().voidItem() : work(job.id));
    }

    private Uni<Void> work(UUID id) {
        // repeated rather than recursive: a long period is thousands of chunks
        return Multi.createBy().repeating().uni(() -> Panache.withTransaction(() -> chunk(id)))
                .whilst(more -> more)
                // recorded (and logged) with the job; the next tick tries the chunk again
                .onFailure().call(e -> recordFailure(id, e))
                .onFailure().recoverWithCompletion()
                .collect().last().replaceWithVoid();
    }

    /** One chunk in the caller's transaction; true when there is more to do. */
    private Uni<Boolean> chunk(UUID id) {
        int size = Math.max(1, config.auditVerification().chunkSize());
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select * from audit_verification_job where id = :id and state = 'RUNNING' for update skip locked",
                AuditVerificationJob.class).setParameter("id", id).getResultList())
                .chain(locked -> {
                    if (locked.isEmpty()) {
                        // done, failed, or another replica is on this chunk
                        return Uni.createFrom().item(false);
                    }
                    AuditVerificationJob job = locked.get(0);
                    return audit.verifyChunk(job.periodFrom, job.periodTo, job.lastSeq, size).chain(row -> {
                        long checked = ((Number) row[0]).longValue();
                        job.recordsChecked += checked;
                        job.brokenRecords += ((Number) row[3]).longValue();
                        if (job.firstBrokenSeq == null && row[2] != null) {
                            // chunks go in seq order: the first one found is the lowest
                            job.firstBrokenSeq = ((Number) row[2]).longValue();
                        }
                        if (row[1] != null) {
                            job.lastSeq = ((Number) row[1]).longValue();
                        }
                        job.attempts = 0;
                        job.failure = null;
                        job.updatedAt = clock.instant();
                        if (checked == size) {
                            return Uni.createFrom().item(true);
                        }
                        // the last chunk: the chain heads, as the synchronous verification counts them
                        return audit.brokenHeads().map(heads -> {
                            job.brokenRecords += heads;
                            job.state = State.DONE;
                            job.finishedAt = clock.instant();
                            LOG.infof("audit verification %s done: %d records checked, %d broken", job.id, job.recordsChecked,
                                    job.brokenRecords);
                            return false;
                        });
                    });
                });
    }

    /** After a failed chunk (rolled back): counts the attempt; too many in a row and the job is FAILED. */
    private Uni<Void> recordFailure(UUID id, Throwable failure) {
        String type = rootCause(failure).getClass().getSimpleName();
        int max = Math.max(1, config.auditVerification().maxAttempts());
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

    static AuditVerificationJobView view(AuditVerificationJob job) {
        return new AuditVerificationJobView(job.id, job.state, job.periodFrom, job.periodTo, job.recordsChecked, job.brokenRecords,
                job.firstBrokenSeq, job.state == State.DONE ? job.brokenRecords == 0 : null, job.startedAt, job.finishedAt,
                job.failure);
    }

    private static boolean outsideStorableRange(Instant instant) {
        return instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST));
    }

    private static ProblemException alreadyRunning(UUID running) {
        return new ProblemException(409, "verification-running", "Verification already running",
                "A verification job is already running; follow it, and start another once it is done.",
                running == null ? null : Map.of("runningJobId", running.toString()));
    }

    private static boolean isUniqueViolation(Throwable e) {
        return SqlStates.find(e, "23505") != null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t;
    }
}
