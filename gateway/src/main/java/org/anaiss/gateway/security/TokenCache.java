package org.anaiss.gateway.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's memory of verified tokens, in Quarkus security's own terms: an authentication
 * mechanism tried before OIDC's, which answers from the memory or steps aside (then OIDC verifies
 * the token as usual), and an augmentor that remembers each token OIDC verified successfully.
 * A token that failed verification is never remembered; nothing but the identity OIDC built is served.
 */
@ApplicationScoped
public class TokenCache {

    /** Above OIDC's mechanism (1000), so a remembered token is answered first. */
    private static final int PRIORITY = 2000;
    private static final String BEARER = "bearer ";
    private static final long SWEEP_MILLIS = 60_000;

    private final VerifiedTokens tokens;
    private final boolean enabled;

    public TokenCache(GatewayConfig config) {
        this.enabled = config.tokenCache().enabled();
        this.tokens = new VerifiedTokens(config.tokenCache().maxEntries(), config.tokenCache().maxTtl(), System::currentTimeMillis);
    }

    void sweep(@Observes StartupEvent event, Vertx vertx) {
        if (enabled) {
            vertx.setPeriodic(SWEEP_MILLIS, id -> tokens.sweep());
        }
    }

    static String bearerToken(RoutingContext rc) {
        String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    SecurityIdentity lookup(RoutingContext rc) {
        if (!enabled) {
            return null;
        }
        String token = bearerToken(rc);
        return token == null ? null : tokens.lookup(token);
    }

    void remember(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (credential != null && credential.getToken() != null) {
            tokens.remember(credential.getToken(), identity, jwt.getExpirationTime());
        }
    }

    /** Answers a remembered token before OIDC is asked; otherwise lets OIDC verify it. */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private final TokenCache cache;

        public Mechanism(TokenCache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identityProviderManager) {
            SecurityIdentity known = cache.lookup(rc);
            return known == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(known);
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext rc) {
            // OIDC's mechanism sends the challenge
            return Uni.createFrom().nullItem();
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of();
        }

        @Override
        public int getPriority() {
            return PRIORITY;
        }
    }

    /** Remembers every identity OIDC built from a token it verified. */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {

        private final TokenCache cache;

        public Remember(TokenCache cache) {
            this.cache = cache;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            cache.remember(identity);
            return Uni.createFrom().item(identity);
        }

        @Override
        public int priority() {
            // after every other augmentor: what is remembered is the final identity
            return Integer.MIN_VALUE;
        }
    }

    /** How many tokens are remembered (for tests). */
    int size() {
        return tokens.size();
    }
}
