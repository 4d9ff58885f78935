package org.anaiss.cases.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.StaffMember;
import org.anaiss.cases.repository.StaffRepository;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The social workers of each team, so a team lead can pick an assignee: read from Keycloak (the
 * identity provider is the directory; {@link KeycloakDirectory}) every few minutes, so a worker who
 * never signed in can be assigned a case. Without a directory client configured, the fallback learns
 * members from their tokens when they use the service. Either way it records who belongs where, never
 * when anyone used the suite: no time is stored.
 */
@ApplicationScoped
public class StaffDirectory {

    private static final Logger LOG = Logger.getLogger(StaffDirectory.class);
    private final KeycloakDirectory keycloak;
    private final StaffRepository staff;

    public StaffDirectory(KeycloakDirectory keycloak, StaffRepository staff) {
        this.keycloak = keycloak;
        this.staff = staff;
    }

    @Scheduled(every = "${anaiss.cases.directory.interval:5m}", delayed = "3s", identity = "staff-directory",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refreshScheduled() {
        return refresh().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("staff directory not refreshed (%s); the previous one stays",
                        e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /**
     * Replaces the directory with Keycloak's members: new ones added, changed ones updated, those no
     * longer in Keycloak (deleted, disabled, without the role) removed. Returns how many members it holds.
     */
    public Uni<Integer> refresh() {
        if (!keycloak.enabled()) {
            return Uni.createFrom().item(0);
        }
        // the HTTP client answers on its own threads: back to this Vert.x context for the database
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return keycloak.members().emitOn(task -> {
            if (context == null) {
                task.run();
            } else {
                context.runOnContext(v -> task.run());
            }
        }).chain(members -> Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (KeycloakDirectory.Member m : members) {
                chain = chain.chain(() -> staff.upsert(m.username(), m.displayName(), m.region().name(), m.team(), m.teamLead()));
            }
            List<String> names = members.stream().map(KeycloakDirectory.Member::username).toList();
            // an empty answer is more likely a misconfiguration than a fund without staff: nothing is removed then
            return chain.chain(() -> names.isEmpty() ? Uni.createFrom().item(0) : staff.keepOnly(names));
        }).replaceWith(members.size()));
    }

    /** What was last written per username, so an unchanged member costs no write. */
    private record Entry(String displayName, String region, String team, boolean teamLead) {
    }

    private final Map<String, Entry> written = new ConcurrentHashMap<>();

    /**
     * Forgets what was written, so a row lost with a rolled-back transaction is written again by a later
     * request; all at once, so no time is kept per person, not even in memory.
     */
    @Scheduled(every = "10m", delayed = "10m", identity = "staff-directory-forget")
    void forget() {
        written.clear();
    }

    /**
     * The fallback without a directory client: records the caller as a member of their team; joins the
     * current transaction. With the directory read from Keycloak, does nothing (membership never comes from use).
     */
    public Uni<Void> seen(Caller caller) {
        if (keycloak.enabled() || !caller.isCaseWorker() || caller.region() == null || caller.team() == null) {
            return Uni.createFrom().voidItem();
        }
        Entry entry = new Entry(caller.displayName(), caller.region().name(), caller.team(), caller.isTeamLead());
        if (entry.equals(written.get(caller.username()))) {
            return Uni.createFrom().voidItem();
        }
        return staff.upsert(caller.username(), entry.displayName(), entry.region(), entry.team(), entry.teamLead())
                .invoke(() -> written.put(caller.username(), entry));
    }

    public Uni<List<StaffMember>> team(Caller caller) {
        return staff.team(caller.region(), caller.team());
    }

    public Uni<StaffMember> member(String username) {
        return staff.findById(username);
    }
}
