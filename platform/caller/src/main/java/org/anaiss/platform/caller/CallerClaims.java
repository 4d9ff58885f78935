package org.anaiss.platform.caller;

import java.util.Set;

/**
 * What a request says about its caller, from the verified token and the request's headers. Claims a token lacks
 * are null (a display name falls back to the username).
 *
 * @param region the {@code region} claim as sent: a service reads it with {@link #region(Class)}
 * @param clientId the token's {@code azp} (partner systems)
 * @param requestId the caller's {@code X-Request-Id} when well-formed, else a new one
 * @param traceparent the W3C trace context to keep with work done later for this request, if any
 */
public record CallerClaims(String username, String displayName, Set<String> roles, String region, String team,
        String clientId, String requestId, String traceparent) {

    /** The region claim as one of the service's regions; null when missing or unknown (such a caller sees nothing). */
    public <R extends Enum<R>> R region(Class<R> regions) {
        if (region == null) {
            return null;
        }
        try {
            return Enum.valueOf(regions, region);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
