package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.domain.Region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Offers of service made to signalled people by campaigns (table offer). */
@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    /**
     * In the caller's transaction on that connection (blocking, a worker thread's job): closes the offers whose
     * deadline has passed, a SENT one as NO_RESPONSE, a POSTPONED one as POSTPONED; returns how many were closed.
     */
    public int closeExpired(SqlConnection conn, Instant now) {
        return Sql.execute(conn, "update offer set status = 'NO_RESPONSE', closed_at = expires_at, "
                + "version = version + 1 where status = 'SENT' and expires_at <= $1", Tuple.of(Times.utc(now))).rowCount()
                + Sql.execute(conn, "update offer set closed_at = expires_at, version = version + 1 where status = 'POSTPONED' "
                        + "and expires_at <= $1 and closed_at is null", Tuple.of(Times.utc(now))).rowCount();
    }

    /** The offer when it is one of that region, else null: staff never reach another region's offers. */
    public Uni<Offer> findInRegion(UUID offerId, Region region) {
        return find("id = ?1 and region = ?2", offerId, region).firstResult();
    }

    /** Every offer made to the person, the first made first. */
    public Uni<List<Offer>> listOfPerson(String personKey) {
        return list("personKey = ?1 order by createdAt", personKey);
    }

    /** The offer made on that signal, or null (a signal leads to one offer at most). */
    public Uni<Offer> findBySignal(UUID signalId) {
        return find("signalId", signalId).firstResult();
    }

    /** The offers made on those signals. */
    public Uni<List<Offer>> listBySignals(List<UUID> signalIds) {
        return list("signalId in ?1", signalIds);
    }

    /** The offer whose answer link token hashes to this, or null. */
    public Uni<Offer> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** A person's offers in that region, the newest first. */
    public Uni<List<Offer>> listOfPersonInRegion(String personKey, Region region) {
        return list("personKey = ?1 and region = ?2 order by createdAt desc", personKey, region);
    }

    /** One page of a campaign's offers, all of them or those with that status (null: all), by id. */
    public Uni<List<Offer>> pageOfCampaign(UUID campaignId, OfferStatus status, int page, int size) {
        return status == null ? find("campaignId = ?1 order by id", campaignId).page(page, size).list()
                : find("campaignId = ?1 and status = ?2 order by id", campaignId, status).page(page, size).list();
    }

    /** How many offers of a campaign, all of them or those with that status (null: all). */
    public Uni<Long> countOfCampaign(UUID campaignId, OfferStatus status) {
        return status == null ? count("campaignId = ?1", campaignId) : count("campaignId = ?1 and status = ?2", campaignId, status);
    }
}
