package org.anaiss.cases.service;

import java.util.Set;

import org.anaiss.cases.domain.Region;
import org.anaiss.platform.caller.CallerClaims;

/**
 * Who is calling, from the token's claims: everything the service layer needs to decide what
 * they may see. {@code region} is null when the claim is missing or unknown: such a caller sees nothing.
 */
public record Caller(String username, String displayName, Set<String> roles, Region region, String team,
        String requestId, String traceparent) {

    /** A caller acting on no request (jobs, consumers): no trace context to carry. */
    public Caller(String username, String displayName, Set<String> roles, Region region, String team, String requestId) {
        this(username, displayName, roles, region, team, requestId, null);
    }

    public static final String SOCIAL_WORKER = "social-worker";
    public static final String TEAM_LEAD = "team-lead";
    public static final String DPO = "dpo";

    public boolean isTeamLead() {
        return roles.contains(TEAM_LEAD);
    }

    public boolean isCaseWorker() {
        return roles.contains(SOCIAL_WORKER) || roles.contains(TEAM_LEAD);
    }

    /** The caller of a request, from the claims of its verified token (platform/caller). */
    public static Caller of(CallerClaims c) {
        return new Caller(c.username(), c.displayName(), c.roles(), c.region(Region.class), c.team(), c.requestId(),
                c.traceparent());
    }

    /** The role recorded in the audit trail: the most specific one that allowed the action. */
    public String auditRole() {
        for (String role : new String[] { DPO, TEAM_LEAD, SOCIAL_WORKER }) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return roles.stream().sorted().findFirst().orElse("none");
    }
}
