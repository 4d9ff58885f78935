package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;
import org.anaiss.outreach.repository.RetentionRepository;
import org.anaiss.outreach.repository.Sql;
import org.anaiss.platform.audit.AuditRetention;
import org.anaiss.platform.telemetry.JobMetrics;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes what is kept no longer (DESIGN.md §4): signals that led to no offer after 6 months; offers,
 * answers, letters and their messages 1 year after the deadline; idempotency records and sent mails
 * after their own delays. Durations in {@link OutreachConfig.Retention}; daily by default.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private final Sql sql;
    private final OutreachConfig config;
    private final Clock clock;
    private final AuditRetention auditRetention;
    private final RetentionRepository retention;

    // progress metrics of the job (a field, not a constructor argument: the constructor changes often)
    @jakarta.inject.Inject
    JobMetrics jobs;

    public RetentionJob(Sql sql, OutreachConfig config, Clock clock, AuditRetention auditRetention, RetentionRepository retention) {
        this.auditRetention = auditRetention;
        this.retention = retention;
        this.sql = sql;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(cron = "${anaiss.outreach.retention.cron:0 15 3 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "retention")
    void scheduled() {
        try {
            // the cron fires on every instance at once: one of them purges
            sql.exclusively("retention", this::purge).ifPresent(purged -> {
                jobs.finished(JobMetrics.RETENTION, purged.values().stream().mapToLong(Integer::longValue).sum());
                LOG.infof("retention: %s", purged);
            });
        } catch (RuntimeException e) {
            LOG.warnf("retention failed (%s); retrying at the next run", e.getClass().getSimpleName());
        }
    }

    /** One pass; returns the number of rows deleted per kind (counts only). */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Instant offersBefore = now.minus(config.retention().offerAfterDeadline());
        Instant signalsBefore = now.minus(config.retention().signalWithoutOffer());
        Map<String, Integer> purged = new LinkedHashMap<>();
        sql.inTransaction(conn -> {
            purged.put("offerMails", retention.deleteOfferMails(conn, offersBefore));
            purged.put("offers", retention.deleteOffers(conn, offersBefore));
            purged.put("letterBatches", retention.deleteLetterBatches(conn, offersBefore));
            purged.put("collectiveActions", retention.deleteCollectiveActions(conn,
                    now.minus(config.retention().actionAfterLastSession())));
            purged.put("signals", retention.deleteSignalsWithoutOffer(conn, signalsBefore));
            purged.put("idempotencyRecords", retention.deleteIdempotencyRecords(conn,
                    now.minus(config.partners().idempotencyKeyRetention())));
            purged.put("mails", retention.deleteFinishedMails(conn, now.minus(config.retention().sentMail())));
            AuditRetention.Result audit = auditRetention.apply(conn, config.audit().retention());
            purged.put("auditMonths", audit.monthsDropped());
            purged.put("auditReadings", audit.readingsDeleted());
            return null;
        });
        return purged;
    }
}
