package org.anaiss.outreach.service;

import java.util.Set;

import org.anaiss.outreach.domain.Region;
import org.anaiss.platform.caller.CallerClaims;
import org.anaiss.platform.problem.ProblemException;

/**
 * Who is calling, from the token's claims. {@code region} is null when the claim is missing or unknown:
 * such a caller sees nothing region-scoped. {@code clientId} is the token's azp (partner systems).
 */
public record Caller(String username, Set<String> roles, Region region, String clientId, String requestId) {

    public static final String OUTREACH_OFFICER = "outreach-officer";
    public static final String SOCIAL_WORKER = "social-worker";
    public static final String SIGNAL_SENDER = "signal-sender";

    public static final String DPO = "dpo";

    /** The caller of a request, from the claims of its verified token (platform/caller). */
    public static Caller of(CallerClaims c) {
        return new Caller(c.username(), c.roles(), c.region(Region.class), c.clientId(), c.requestId());
    }

    /** The role recorded in the audit trail: the most specific one that allowed the action. */
    public String auditRole() {
        for (String role : new String[] { DPO, OUTREACH_OFFICER, SOCIAL_WORKER, SIGNAL_SENDER }) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return roles.stream().sorted().findFirst().orElse("none");
    }

    /** The caller's region, or 403 when the token carries none (nothing region-scoped can be done). */
    public Region requireRegion() {
        if (region == null) {
            throw ProblemException.forbidden("Your account has no region; ask an administrator.");
        }
        return region;
    }
}
