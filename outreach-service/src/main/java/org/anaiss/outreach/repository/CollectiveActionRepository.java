package org.anaiss.outreach.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.CollectiveAction;
import org.anaiss.outreach.domain.Region;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Collective actions, each of one region (table collective_action). */
@ApplicationScoped
public class CollectiveActionRepository implements PanacheRepositoryBase<CollectiveAction, UUID> {

    /** The action when it is one of that region, else null: staff never reach another region's actions. */
    public Uni<CollectiveAction> findInRegion(UUID actionId, Region region) {
        return find("id = ?1 and region = ?2", actionId, region).firstResult();
    }

    /** One page of a region's actions, the newest first. */
    public Uni<List<CollectiveAction>> pageOfRegion(Region region, int page, int size) {
        return find("region = ?1 order by createdAt desc, id", region).page(page, size).list();
    }

    /** How many actions a region has (the total of its pages). */
    public Uni<Long> countOfRegion(Region region) {
        return count("region = ?1", region);
    }
}
