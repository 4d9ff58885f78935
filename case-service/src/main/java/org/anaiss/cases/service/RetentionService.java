package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.ArchivedCase;
import org.anaiss.cases.domain.CaseStatus;
import org.anaiss.cases.domain.SupportCase;
import org.anaiss.cases.events.CaseEventData;
import org.anaiss.cases.events.Outbox;
import org.anaiss.cases.repository.ArchivedCaseRepository;
import org.anaiss.cases.repository.CaseRepository;
import org.anaiss.cases.repository.PersonRepository;
import org.anaiss.platform.audit.AuditRetention;
import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.crypto.NirHasher;
import org.anaiss.platform.telemetry.JobMetrics;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Retention (CNIL defaults): a case's personal data is deleted two years after its last contact or
 * its closure, whichever is later (its opening if it has neither); a person with no case left is
 * deleted too; a case under legal hold is archived for the DPO instead. Audit records are kept one
 * year: whole months are dropped. Batched, one transaction per batch, idempotent: safe to interrupt
 * and to run again. Statistics are released once per closed period and never recomputed, so they do not move.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    static final Caller SYSTEM = new Caller("retention", "retention job", Set.of("system"), null, null, "retention");
    private final CaseConfig config;
    private final DossierService dossiers;
    private final FieldCipher cipher;
    private final NirHasher hasher;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final PersonService persons;
    private final Clock clock;
    private final CaseRepository cases;
    private final PersonRepository personRows;
    private final ArchivedCaseRepository archives;
    private final AuditRetention auditRetention;
    // progress metrics of the job (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    JobMetrics jobs;
    // announces the deletion of a person to the other services (same reason for a field)
    @jakarta.inject.Inject
    ErasurePropagation erasures;

    /** What a run did so far, across its batches. */
    private static final class Tally {
        final List<UUID> deleted = new ArrayList<>();
        final List<UUID> archived = new ArrayList<>();
        int persons;
    }

    public RetentionService(CaseConfig config, DossierService dossiers, FieldCipher cipher, NirHasher hasher, Outbox outbox,
            AuditTrail audit, ObjectMapper json, PersonService persons, Clock clock, CaseRepository cases,
            PersonRepository personRows, ArchivedCaseRepository archives, AuditRetention auditRetention) {
        this.cases = cases;
        this.personRows = personRows;
        this.archives = archives;
        this.auditRetention = auditRetention;
        this.config = config;
        this.persons = persons;
        this.dossiers = dossiers;
        this.cipher = cipher;
        this.hasher = hasher;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(cron = "${anaiss.cases.retention.cron:0 30 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "retention")
    Uni<Void> nightly() {
        return run(false)
                .invoke(r -> LOG.infof("retention: %d cases deleted, %d archived, %d persons deleted, %d audit months dropped",
                        r.casesDeleted().size(), r.casesArchived().size(), r.personsDeleted(), r.auditMonthsDropped()))
                .onFailure().invoke(e -> LOG.warnf("retention run failed (%s); the next run resumes", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Purges what is due (or only reports it, for a dry run). */
    public Uni<RetentionOutcome> run(boolean dryRun) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.retention().caseData());
        Instant auditCutoff = now.minus(config.retention().audit());
        Tally tally = new Tally();
        if (dryRun) {
            return Panache.withSession(() -> cases.dueForRetention(cutoff, Integer.MAX_VALUE)
                    .chain(cases::listByIds)
                    .map(list -> {
                        list.forEach(c -> (c.legalHold ? tally.archived : tally.deleted).add(c.id));
                        return new RetentionOutcome(true, now, cutoff, tally.deleted, tally.archived, 0, auditCutoff, 0);
                    }));
        }
        return batches(cutoff, tally)
                .chain(r -> Panache.withTransaction(() -> auditRetention.apply(config.retention().audit())))
                .map(audit -> new RetentionOutcome(false, now, cutoff, tally.deleted, tally.archived, tally.persons,
                        auditCutoff, audit.monthsDropped()))
                .invoke(r -> jobs.finished(JobMetrics.RETENTION,
                        r.casesDeleted().size() + r.casesArchived().size() + r.personsDeleted()));
    }

    private Uni<Tally> batches(Instant cutoff, Tally tally) {
        return Panache.withTransaction(() -> cases.dueForRetention(cutoff, config.retention().batchSize())
                .chain(ids -> purge(ids, tally).replaceWith(ids.size())))
                .chain(done -> done < config.retention().batchSize() ? Uni.createFrom().item(tally)
                        : batches(cutoff, tally));
    }

    private Uni<Tally> purge(List<UUID> ids, Tally report) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID id : ids) {
            chain = chain.chain(() -> cases.findWithPerson(id)
                    .chain(c -> c == null ? Uni.createFrom().voidItem() : purgeCase(c, report)));
        }
        return chain.replaceWith(report);
    }

    private Uni<Void> purgeCase(SupportCase c, Tally report) {
        UUID personId = c.person.id;
        Uni<Void> archiveIfHeld = c.legalHold ? archive(c) : Uni.createFrom().voidItem();
        // outreach-service must not keep believing a purged open case is open
        Uni<Void> closeEvent = c.status == CaseStatus.CLOSED ? Uni.createFrom().voidItem()
                : outbox.add(CaseEventData.TOPIC, c.id.toString(), CaseEventData.CLOSED, c.id.toString(),
                        new CaseEventData(c.id, hasher.personKey(c.person.nirHash), c.region.name(),
                                CaseStatus.CLOSED.name(), clock.instant()));
        return archiveIfHeld.chain(() -> closeEvent)
                .chain(() -> audit.record(SYSTEM, c.legalHold ? AuditAction.EXPORT : AuditAction.DELETE, CaseService.RECORD,
                        c.id, c.id, personId))
                .chain(() -> dossiers.deleteCaseContents(c.id))
                .invoke(() -> (c.legalHold ? report.archived : report.deleted).add(c.id))
                .chain(() -> cases.countForPerson(personId))
                .chain(remaining -> remaining > 0 ? Uni.createFrom().voidItem()
                        : erasures.announce(personId, c.person.nirHash, List.of(c.id), org.anaiss.cases.domain.ErasureRequest.Reason.RETENTION)
                                .chain(() -> personRows.deleteById(personId))
                                .call(() -> audit.record(SYSTEM, AuditAction.DELETE, PersonService.RECORD, personId, null, personId))
                                .invoke(() -> report.persons++)
                                .replaceWithVoid());
    }

    private Uni<Void> archive(SupportCase c) {
        return dossiers.dossier(c).chain(dossier -> {
            byte[] content;
            try {
                content = json.writeValueAsBytes(new ArchivedContent(clock.instant(), persons.details(c.person), dossier));
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
            ArchivedCase a = new ArchivedCase();
            a.caseId = c.id;
            a.personId = c.person.id;
            a.region = c.region;
            a.archivedAt = clock.instant();
            FieldCipher.Sealed sealed = cipher.seal(content, place(c.id));
            a.contentCiphertext = sealed.ciphertext();
            a.contentKeyId = sealed.keyId();
            return archives.persist(a).replaceWithVoid();
        });
    }

    static String place(UUID caseId) {
        return "archived_case.content:" + caseId;
    }
}
