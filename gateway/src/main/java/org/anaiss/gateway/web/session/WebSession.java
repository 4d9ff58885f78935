package org.anaiss.gateway.web.session;

import java.time.Instant;
import java.util.Set;

/**
 * A signed-in member of staff, as the gateway keeps them: who (from the verified access token), their
 * tokens, and until when the session lives. Never sent to the browser: the browser holds only the
 * session id, in an HttpOnly cookie.
 *
 * @param id the session id (the cookie's value); only its SHA-256 is stored
 * @param idleUntil the session ends if no request comes before this
 * @param expiresAt the session ends at this time whatever its use
 * @param version bumped at each change of the tokens (refresh), for concurrent replicas
 */
public record WebSession(String id, Profile profile, Tokens tokens, Instant idleUntil, Instant expiresAt, int version) {

    /** Who is signed in: the claims the pages need, nothing else. */
    public record Profile(String subject, String username, String displayName, Set<String> roles, String region, String team) {

        public boolean hasRole(String role) {
            return roles.contains(role);
        }
    }

    /** The user's tokens: never leave the gateway except towards Keycloak and the services. */
    public record Tokens(String access, String refresh, String id, Instant accessExpiresAt, Instant refreshExpiresAt) {
    }

    public WebSession withTokens(Profile newProfile, Tokens newTokens) {
        return new WebSession(id, newProfile, newTokens, idleUntil, expiresAt, version + 1);
    }

    public WebSession withIdleUntil(Instant newIdleUntil) {
        return new WebSession(id, profile, tokens, newIdleUntil, expiresAt, version);
    }
}
