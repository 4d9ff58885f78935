package org.anaiss.cases.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.StaffMember;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Who belongs to which team; never when anyone used the suite. */
@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<StaffMember, String> {

    public Uni<List<StaffMember>> team(Region region, String team) {
        return list("region = ?1 and team = ?2 order by displayName", region, team);
    }

    /** Joins the current transaction. */
    public Uni<Void> upsert(String username, String displayName, String region, String team, boolean teamLead) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into staff_member (username, display_name, region, team, team_lead)
                values (:username, :name, :region, :team, :lead)
                on conflict (username) do update set display_name = excluded.display_name, region = excluded.region,
                    team = excluded.team, team_lead = excluded.team_lead
                """)
                .setParameter("username", username)
                .setParameter("name", displayName)
                .setParameter("region", region)
                .setParameter("team", team)
                .setParameter("lead", teamLead)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Removes everyone not named (gone from the directory); {@code kept} must not be empty. */
    public Uni<Integer> keepOnly(List<String> kept) {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from staff_member where username not in (:names)")
                .setParameter("names", kept).executeUpdate());
    }
}
