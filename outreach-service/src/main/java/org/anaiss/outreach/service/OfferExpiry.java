package org.anaiss.outreach.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.repository.OfferRepository;
import org.anaiss.outreach.repository.Sql;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** At the deadline, a SENT offer without an answer becomes NO_RESPONSE; a POSTPONED one closes as POSTPONED. */
@ApplicationScoped
public class OfferExpiry {

    private static final Logger LOG = Logger.getLogger(OfferExpiry.class);
    private final Sql sql;
    private final Clock clock;
    private final OfferRepository offers;

    public OfferExpiry(Sql sql, Clock clock, OfferRepository offers) {
        this.sql = sql;
        this.clock = clock;
        this.offers = offers;
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
        return sql.inTransaction(conn -> offers.closeExpired(conn, now));
    }
}
