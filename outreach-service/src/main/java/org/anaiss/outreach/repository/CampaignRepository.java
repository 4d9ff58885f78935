package org.anaiss.outreach.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Campaign;
import org.anaiss.outreach.domain.Region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Campaigns of offers, each of one region (table campaign), and whom they target ({@link OfferTargets}). */
@ApplicationScoped
public class CampaignRepository implements PanacheRepositoryBase<Campaign, UUID> {

    private final Pool pool;

    public CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    /** The campaign when it is one of that region, else null: staff never reach another region's campaigns. */
    public Uni<Campaign> findInRegion(UUID campaignId, Region region) {
        return find("id = ?1 and region = ?2", campaignId, region).firstResult();
    }

    /** One page of a region's campaigns, the newest first. */
    public Uni<List<Campaign>> pageOfRegion(Region region, int page, int size) {
        return find("region = ?1 order by createdAt desc, id", region).page(page, size).list();
    }

    /** How many campaigns a region has (the total of its pages). */
    public Uni<Long> countOfRegion(Region region) {
        return count("region = ?1", region);
    }

    /**
     * How many people a launch of the campaign would reach now (the same selection as the launch's insert). On a
     * connection of the pool of its own, outside the caller's session.
     */
    public Uni<Long> countTargets(Campaign campaign) {
        return pool.preparedQuery(OfferTargets.COUNT).execute(OfferTargets.countArgs(campaign))
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
