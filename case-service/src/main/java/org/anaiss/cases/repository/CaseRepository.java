package org.anaiss.cases.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.SupportCase;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<SupportCase, UUID> {

    /** Sortable fields: API name to entity attribute. */
    public static final Map<String, String> SORTS = Map.of(
            "updatedAt", "c.updatedAt", "openedAt", "c.openedAt", "lastContactAt", "c.lastContactAt",
            "status", "c.status", "theme", "c.theme");

    public Uni<SupportCase> findWithPerson(UUID id) {
        return find("from SupportCase c join fetch c.person where c.id = ?1", id).firstResult();
    }

    /**
     * Cases whose data is due for deletion: last contact or closure (opening if neither) before the cutoff.
     * Locked, SKIP LOCKED: two replicas running the job at once share the work instead of colliding.
     */
    public Uni<List<UUID>> dueForRetention(Instant cutoff, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select c.id from support_case c
                where greatest(coalesce(c.closed_at, c.opened_at), coalesce(c.last_contact_at, c.opened_at)) < :cutoff
                order by c.id limit :limit for update skip locked""", UUID.class)
                .setParameter("cutoff", cutoff).setParameter("limit", limit).getResultList());
    }

    public Uni<List<SupportCase>> listByIds(List<UUID> ids) {
        return list("id in ?1", ids);
    }

    public Uni<Long> countForPerson(UUID personId) {
        return count("person.id = ?1", personId);
    }

    public Uni<List<SupportCase>> findForPerson(UUID personId) {
        return find("from SupportCase c where c.person.id = ?1 order by c.openedAt", personId).list();
    }

    /**
     * One page of the cases a caller may see: those of their team, and for a team lead also the
     * region's queue (no team yet). Fetches one row more than asked to tell whether a next page exists;
     * never counts (a total per team or worker is an activity indicator, which this system refuses).
     */
    public Uni<List<SupportCase>> page(Region region, String team, boolean includeRegionQueue, CaseQuery q) {
        StringBuilder hql = new StringBuilder("from SupportCase c join fetch c.person where c.region = :region and ");
        Parameters params = Parameters.with("region", region);
        if (includeRegionQueue) {
            hql.append("(c.team = :team or c.team is null)");
        } else {
            hql.append("c.team = :team");
        }
        params.and("team", team);
        List<String> filters = new ArrayList<>();
        if (q.status() != null) {
            filters.add("c.status = :status");
            params.and("status", q.status());
        }
        if (q.theme() != null) {
            filters.add("c.theme = :theme");
            params.and("theme", q.theme());
        }
        if (q.assignedTo() != null) {
            filters.add("c.assignedTo = :assignee");
            params.and("assignee", q.assignedTo());
        }
        if (q.unassigned()) {
            filters.add("c.assignedTo is null");
        }
        if (q.personId() != null) {
            filters.add("c.person.id = :person");
            params.and("person", q.personId());
        }
        if (q.updatedSince() != null) {
            filters.add("c.updatedAt >= :since");
            params.and("since", q.updatedSince());
        }
        for (String f : filters) {
            hql.append(" and ").append(f);
        }
        String sort = SORTS.getOrDefault(q.sortField(), "c.updatedAt");
        hql.append(" order by ").append(sort).append(q.ascending() ? " asc nulls last" : " desc nulls last").append(", c.id");
        return find(hql.toString(), params).range(q.page() * q.size(), q.page() * q.size() + q.size()).list();
    }
}
