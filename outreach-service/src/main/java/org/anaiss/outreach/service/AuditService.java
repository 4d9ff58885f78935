package org.anaiss.outreach.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.audit.AuditJob;
import org.anaiss.platform.audit.AuditLayout;
import org.anaiss.platform.audit.AuditQuery;
import org.anaiss.platform.audit.AuditReader;
import org.anaiss.platform.audit.AuditReading;
import org.anaiss.platform.audit.AuditVerification;
import org.anaiss.platform.audit.AuditVerificationJobs;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The DPO's view of outreach-service's audit trail, with the rules and verification of platform/audit
 * (docs/audit.md): per record, per person key, per period of at most 31 days with a reason, per actor
 * only for a named incident; every reading recorded. No aggregate, no count per user.
 */
@ApplicationScoped
public class AuditService {

    private final AuditLayout layout;
    private final AuditReader reader;
    private final AuditVerificationJobs jobs;

    public AuditService(AuditLayout layout, AuditReader reader, AuditVerificationJobs jobs) {
        this.layout = layout;
        this.reader = reader;
        this.jobs = jobs;
    }

    /** @throws ProblemException 400 for a reading the rules do not allow */
    public Uni<List<AuditRecordView>> read(Caller reader, UUID recordId, String personKey, Instant from, Instant to, String actor,
            String reason, String incident, long afterSeq, int limit) {
        Map<String, Object> subjects = new HashMap<>();
        subjects.put("recordId", recordId);
        subjects.put("personKey", personKey == null || personKey.isBlank() ? null : personKey.trim());
        AuditQuery query = AuditQuery.of(layout, subjects, from, to, actor, reason, incident, afterSeq, limit);
        return this.reader.read(AuditTrail.actor(reader), query).map(rows -> rows.stream().map(r -> new AuditRecordView(r.seq(),
                r.at(), r.actor(), r.actorRole(), r.action(), r.recordType(), r.recordId(), (String) r.subjects().get(0),
                r.requestId(), r.chain(), r.hash())).toList());
    }

    public Uni<List<AuditReading>> readings(Instant from, Instant to, int limit) {
        return reader.readings(from, to, limit);
    }

    public Uni<AuditVerification> verify(Instant from, Instant to) {
        return reader.verify(from, to);
    }

    public Uni<AuditJob> startVerification(Instant from, Instant to) {
        return jobs.start(from, to);
    }

    public Uni<AuditJob> verificationJob(UUID id) {
        return jobs.find(id);
    }

    public Uni<List<AuditJob>> verificationJobs(int limit) {
        return jobs.latest(limit);
    }

    /** Works on the running verification job, if any (replicas share it chunk by chunk). */
    @Scheduled(every = "${anaiss.outreach.audit.verification-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "audit-verification")
    Uni<Void> tick() {
        return jobs.tick();
    }
}
