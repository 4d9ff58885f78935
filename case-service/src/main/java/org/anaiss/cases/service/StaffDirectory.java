package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.StaffMember;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The social workers of each team, as seen in their tokens when they use the service, so a team
 * lead can pick an assignee. Refreshed at most every few minutes per person. It records who
 * belongs where, nothing of what they do.
 */
@ApplicationScoped
public class StaffDirectory {

    private static final Duration REFRESH = Duration.ofMinutes(10);
    private final Map<String, Instant> recentlySeen = new ConcurrentHashMap<>();
    private final Clock clock;

    public StaffDirectory(Clock clock) {
        this.clock = clock;
    }

    /** Records the caller as a member of their team; joins the current transaction. */
    public Uni<Void> seen(Caller caller) {
        if (!caller.isCaseWorker() || caller.region() == null || caller.team() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        Instant last = recentlySeen.get(caller.username());
        if (last != null && last.plus(REFRESH).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into staff_member (username, display_name, region, team, team_lead, last_seen_at)
                values (:username, :name, :region, :team, :lead, :now)
                on conflict (username) do update set display_name = excluded.display_name, region = excluded.region,
                    team = excluded.team, team_lead = excluded.team_lead, last_seen_at = excluded.last_seen_at
                """)
                .setParameter("username", caller.username())
                .setParameter("name", caller.displayName())
                .setParameter("region", caller.region().name())
                .setParameter("team", caller.team())
                .setParameter("lead", caller.isTeamLead())
                .setParameter("now", now)
                .executeUpdate())
                .invoke(() -> recentlySeen.put(caller.username(), now))
                .replaceWithVoid();
    }

    public Uni<List<StaffMember>> team(Caller caller) {
        return StaffMember.<StaffMember>find("region = ?1 and team = ?2 order by displayName", caller.region(), caller.team())
                .list();
    }

    public Uni<StaffMember> member(String username) {
        return StaffMember.findById(username);
    }
}
