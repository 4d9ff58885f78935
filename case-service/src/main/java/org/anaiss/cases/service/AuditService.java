package org.anaiss.cases.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.platform.audit.AuditJob;
import org.anaiss.platform.audit.AuditLayout;
import org.anaiss.platform.audit.AuditQuery;
import org.anaiss.platform.audit.AuditReader;
import org.anaiss.platform.audit.AuditVerification;
import org.anaiss.platform.audit.AuditVerificationJobs;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The DPO's view of case-service's audit trail, with the rules and verification of platform/audit
 * (docs/audit.md): per case, per person, per period of at most 31 days with a reason, per actor only
 * for a named incident; every reading recorded. There is deliberately no aggregate, no count per user.
 */
@ApplicationScoped
public class AuditService {

    private final AuditLayout layout;
    private final AuditReader reader;
    private final AuditVerificationJobs jobs;
    private final Duration verificationBudget;

    public AuditService(AuditLayout layout, AuditReader reader, AuditVerificationJobs jobs, CaseConfig config) {
        this.layout = layout;
        this.reader = reader;
        this.jobs = jobs;
        this.verificationBudget = config.auditVerification().requestBudget();
    }

    /**
     * One reading of the trail, recorded (who, when, which filter, why) in the same transaction.
     * @throws ProblemException 400 for a reading the rules do not allow
     */
    public Uni<List<AuditRecordView>> read(Caller reader, UUID caseId, UUID personId, Instant from, Instant to, String actor,
            String reason, String incident, long afterSeq, int limit) {
        Map<String, Object> subjects = new HashMap<>();
        subjects.put("caseId", caseId);
        subjects.put("personId", personId);
        AuditQuery query = AuditQuery.of(layout, subjects, from, to, actor, reason, incident, afterSeq, limit);
        return this.reader.read(AuditTrail.actor(reader), query).map(rows -> rows.stream().map(r -> new AuditRecordView(r.seq(),
                r.at(), r.actor(), r.actorRole(), r.action(), r.recordType(), r.recordId(), (UUID) r.subjects().get(0),
                (UUID) r.subjects().get(1), r.requestId(), r.chain(), r.hash())).toList());
    }

    /** The readings of the trail in [from, to), newest first (for admins: who read the trail, and why). */
    public Uni<List<AuditReadingView>> readings(Instant from, Instant to, int limit) {
        return reader.readings(from, to, limit).map(rows -> rows.stream().map(r -> new AuditReadingView(r.id(), r.readAt(),
                r.reader(), r.readerRole(), r.filterKind(), r.filter(), r.reason(), r.incident(), r.requestId())).toList());
    }

    public Uni<AuditVerification> verify(Instant from, Instant to) {
        return reader.verify(from, to, verificationBudget);
    }

    public Uni<AuditVerificationJobView> startVerification(Instant from, Instant to) {
        return jobs.start(from, to).map(AuditService::view);
    }

    public Uni<AuditVerificationJobView> verificationJob(UUID id) {
        return jobs.find(id).map(AuditService::view);
    }

    public Uni<List<AuditVerificationJobView>> verificationJobs(int limit) {
        return jobs.latest(limit).map(list -> list.stream().map(AuditService::view).toList());
    }

    /** Works on the running verification job, if any (replicas share it chunk by chunk). */
    @Scheduled(every = "${anaiss.cases.audit-verification.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "audit-verification")
    Uni<Void> tick() {
        return jobs.tick();
    }

    private static AuditVerificationJobView view(AuditJob j) {
        return new AuditVerificationJobView(j.id(), j.state(), j.from(), j.to(), j.recordsChecked(), j.brokenRecords(),
                j.firstBrokenSeq(), j.intact(), j.startedAt(), j.finishedAt(), j.failure());
    }
}
