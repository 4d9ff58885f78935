package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.sqlclient.Tuple;

/** At the deadline, a SENT offer without an answer becomes NO_RESPONSE; a POSTPONED one closes as POSTPONED. */
@ApplicationScoped
public class OfferExpiry {

    private static final Logger LOG = Logger.getLogger(OfferExpiry.class);
    private final Sql sql;
    private final Clock clock;

    public OfferExpiry(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Scheduled(every = "${anaiss.outreach.expiry.interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "offer-expiry")
    void scheduled() {
        try {
            sql.exclusively("offer-expiry", this::expire);
        } catch (RuntimeException e) {
            LOG.warnf("offer expiry failed (%s); retrying next round", e.getClass().getSimpleName());
        }
    }

    /** @return the number of offers closed */
    public int expire() {
        Instant now = clock.instant();
        return sql.inTransaction(conn -> Sql.execute(conn, "update offer set status = 'NO_RESPONSE', closed_at = expires_at, "
                + "version = version + 1 where status = 'SENT' and expires_at <= $1", Tuple.of(Times.utc(now))).rowCount()
                + Sql.execute(conn, "update offer set closed_at = expires_at, version = version + 1 where status = 'POSTPONED' "
                        + "and expires_at <= $1 and closed_at is null", Tuple.of(Times.utc(now))).rowCount());
    }
}
