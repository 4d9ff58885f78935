package org.anaiss.gateway.edge;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Who calls, from the verified token: a partner system (client credentials: Keycloak names its
 * service account {@code service-account-<client id>}) or a user through a client application.
 *
 * <p>What the access log keeps: the client id ({@code azp}) and, for users, a pseudonym of the token's
 * subject that changes every day ({@link UserPseudonyms}). Never the subject, the username or a name.
 * The log serves security investigations only; it is never aggregated per user (that would measure
 * staff activity, which ANAISS refuses).
 */
public record Caller(String clientId, String subject, boolean partnerSystem) {

    private static final String SERVICE_ACCOUNT = "service-account-";

    private static final String KEY = "anaiss.caller";
    private static final Caller ANONYMOUS = new Caller(null, null, false);

    /** The authenticated caller of this request, or null for an anonymous one (worked out once per request). */
    public static Caller of(RoutingContext rc) {
        Caller known = rc.get(KEY);
        if (known != null) {
            return known == ANONYMOUS ? null : known;
        }
        Caller caller = fromToken(rc);
        rc.put(KEY, caller == null ? ANONYMOUS : caller);
        return caller;
    }

    /** The caller of a request authenticated otherwise than by a bearer token (a web session). */
    public static void remember(RoutingContext rc, Caller caller) {
        rc.put(KEY, caller);
    }

    private static Caller fromToken(RoutingContext rc) {
        if (!(rc.user() instanceof QuarkusHttpUser user)) {
            return null;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        // getClaim of a name outside the standard set throws and catches inside SmallRye JWT: ask only for present ones
        Set<String> names = token.getClaimNames();
        String azp = names.contains("azp") ? token.getClaim("azp") : null;
        String clientIdClaim = names.contains("client_id") ? token.getClaim("client_id") : null;
        String username = names.contains("preferred_username") ? token.getClaim("preferred_username") : null;
        boolean partner = clientIdClaim != null || (azp != null && (SERVICE_ACCOUNT + azp).equals(username));
        String clientId = clientIdClaim != null ? clientIdClaim : (azp != null ? azp : "unknown");
        return new Caller(clientId, partner ? null : token.getSubject(), partner);
    }

    /** The rate-limit key: the client id for a partner system, the application and subject for a user. */
    public String rateKey() {
        return partnerSystem ? "client:" + clientId : "user:" + clientId + "/" + subject;
    }
}
