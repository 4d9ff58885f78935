package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.AuditRecord;
import org.anaiss.cases.repository.AuditRepository;
import org.anaiss.cases.rest.api.AuditRecordView;
import org.anaiss.cases.rest.api.AuditVerification;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The DPO's view of the audit trail: per case, per person, per period, and a verification of the
 * hash chains. There is deliberately no query per user and no aggregate: the trail serves security,
 * never the measurement of staff.
 */
@ApplicationScoped
public class AuditService {

    private final AuditRepository audit;
    private final Clock clock;

    public AuditService(AuditRepository audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<AuditRecordView>> forCase(UUID caseId, long afterSeq, int limit) {
        return audit.forCase(caseId, afterSeq, limit).map(AuditService::views);
    }

    @WithSession
    public Uni<List<AuditRecordView>> forPerson(UUID personId, long afterSeq, int limit) {
        return audit.forPerson(personId, afterSeq, limit).map(AuditService::views);
    }

    @WithSession
    public Uni<List<AuditRecordView>> inPeriod(Instant from, Instant to, long afterSeq, int limit) {
        if (!from.isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid-period", "Invalid period",
                    "'from' must be before 'to'."));
        }
        return audit.inPeriod(from, to, afterSeq, limit).map(AuditService::views);
    }

    /** The default period of a verification: a synchronous request must end in bounded time. */
    static final java.time.Duration DEFAULT_VERIFICATION_PERIOD = java.time.Duration.ofDays(31);

    /**
     * The period [from, to) of a verification, synchronous or in the background: by default the 31
     * days before now.
     * @throws ProblemException 400 when it is empty
     */
    static Period verificationPeriod(Instant from, Instant to, Clock clock) {
        Instant end = to != null ? to : clock.instant().plusSeconds(60);
        Instant start = from != null ? from : end.minus(DEFAULT_VERIFICATION_PERIOD);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("invalid-period", "Invalid period", "'from' must be before 'to'.");
        }
        return new Period(start, end);
    }

    /** [from, to) */
    record Period(Instant from, Instant to) {
    }

    @WithSession
    public Uni<AuditVerification> verify(Instant from, Instant to) {
        Period period;
        try {
            period = verificationPeriod(from, to, clock);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        return audit.verifyChains(period.from(), period.to()).map(row -> {
            long checked = ((Number) row[0]).longValue();
            Long firstBroken = row[1] == null ? null : ((Number) row[1]).longValue();
            long broken = ((Number) row[2]).longValue();
            return new AuditVerification(broken == 0, checked, firstBroken, broken, clock.instant());
        });
    }

    private static List<AuditRecordView> views(List<AuditRecord> records) {
        return records.stream().map(r -> new AuditRecordView(r.seq, r.at, r.actor, r.actorRole, r.action, r.recordType,
                r.recordId, r.caseId, r.personId, r.requestId, r.chain,
                r.hash == null ? null : HexFormat.of().formatHex(r.hash))).toList();
    }
}
