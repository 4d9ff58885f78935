package org.anaiss.gateway.web.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.anaiss.gateway.config.GatewayConfig;
import org.anaiss.gateway.edge.ClientAddress;
import org.anaiss.gateway.web.WebConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;

/**
 * The backend for front end's sessions: sign-in at Keycloak (authorization-code flow with PKCE), the
 * session found for a request (idle and absolute expiry, tokens refreshed before they expire), CSRF
 * tokens, sign-out here and at Keycloak.
 *
 * <p>The browser holds one cookie, {@value #COOKIE}: a random id, HttpOnly, Secure, SameSite=Lax.
 * Tokens stay in the gateway's database ({@link SessionStore}), encrypted; every access token the
 * gateway takes into use, at sign-in or after a refresh, is verified by Quarkus OIDC first, exactly as
 * a bearer token would be.
 */
@ApplicationScoped
public class Sessions {

    public static final String COOKIE = "anaiss_session";
    static final String SIGN_IN_COOKIE = "anaiss_signin";
    public static final String CALLBACK_PATH = "/app/callback";
    /** A token is refreshed when it has less than this left, so a request never reaches a service with an expired one. */
    static final long REFRESH_MARGIN_SECONDS = 30;
    private static final long SIGN_IN_SECONDS = 600;
    private static final String ENDED_KEY = "anaiss.session.ended";
    private static final String SESSION_KEY = "anaiss.session";
    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final WebConfig config;
    private final int trustedProxyHops;
    private final SessionPolicy policy;
    private final SessionCrypto crypto;
    private final TenantIdentityProvider identities;
    private final String authServerUrl;
    private final Pool pool;
    private final ConcurrentMap<String, Future<WebSession>> refreshing = new ConcurrentHashMap<>();
    private SessionStore store;
    private KeycloakClient keycloak;
    private Vertx vertx;
    private volatile Clock clock = Clock.systemUTC();

    public Sessions(WebConfig config, GatewayConfig gateway, TenantIdentityProvider identities, Pool pool,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl) {
        this.config = config;
        this.trustedProxyHops = gateway.trustedProxyHops();
        this.identities = identities;
        this.pool = pool;
        this.authServerUrl = authServerUrl;
        this.policy = new SessionPolicy(config.session().idleTimeout(), config.session().maxAge());
        if (config.session().key().isEmpty()) {
            LOG.warn("anaiss.web.session.key is not set: a random key is used, so every staff session ends when the gateway "
                    + "restarts and a second replica cannot read the first one's sessions. Set ANAISS_WEB_SESSION_KEY.");
        }
        this.crypto = new SessionCrypto(SessionCrypto.keyOf(config.session().key().orElse(null), new SecureRandom()));
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        this.vertx = vertx;
        this.store = new SessionStore(pool, crypto);
        this.keycloak = new KeycloakClient(WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(16)), authServerUrl,
                config.clientId(), config.clientSecret().orElse(null));
        long every = Math.max(1_000, config.session().sweepInterval().toMillis());
        vertx.setPeriodic(every, id -> sweep());
    }

    /** The clock sessions expire by (tests move it instead of waiting). */
    public void clock(Clock newClock) {
        this.clock = newClock;
    }

    public SessionPolicy policy() {
        return policy;
    }

    public KeycloakClient keycloak() {
        return keycloak;
    }

    // ------------------------------------------------------------------ the session of a request

    /**
     * The live session of this request, tokens fresh, or null: no cookie, unknown, or just ended
     * ({@link #endedNow(RoutingContext)} then says so). Worked out once per request.
     */
    public Future<WebSession> current(RoutingContext rc) {
        Future<WebSession> known = rc.get(SESSION_KEY);
        if (known != null) {
            return known;
        }
        Future<WebSession> found = lookup(rc);
        rc.put(SESSION_KEY, found);
        return found;
    }

    private Future<WebSession> lookup(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Future.succeededFuture();
        }
        String id = cookie.getValue();
        return store.find(id).compose(session -> {
            if (session == null) {
                clearCookie(rc);
                return Future.succeededFuture();
            }
            Instant now = clock.instant();
            return switch (policy.check(session.idleUntil(), session.expiresAt(), now)) {
                case ENDED -> {
                    rc.put(ENDED_KEY, Boolean.TRUE);
                    clearCookie(rc);
                    yield end(session.id()).map(v -> (WebSession) null);
                }
                case USE_AND_EXTEND -> {
                    WebSession extended = session.withIdleUntil(policy.idleUntil(now, session.expiresAt()));
                    yield store.extend(extended).compose(v -> fresh(rc, extended));
                }
                case USE -> fresh(rc, session);
            };
        });
    }

    /** Whether this request's session ended (idle or too old) when the request came. */
    public boolean endedNow(RoutingContext rc) {
        return Boolean.TRUE.equals(rc.get(ENDED_KEY));
    }

    private Future<WebSession> fresh(RoutingContext rc, WebSession session) {
        if (session.tokens().accessExpiresAt().isAfter(clock.instant().plusSeconds(REFRESH_MARGIN_SECONDS))) {
            return Future.succeededFuture(session);
        }
        // one refresh per session at a time in this replica: concurrent requests wait for the same one
        Promise<WebSession> mine = Promise.promise();
        Future<WebSession> refresh = refreshing.putIfAbsent(session.id(), mine.future());
        if (refresh == null) {
            refresh = mine.future();
            refresh(rc, session).onComplete(done -> {
                refreshing.remove(session.id(), mine.future());
                mine.handle(done);
            });
        }
        return refresh.andThen(done -> {
            if (done.succeeded() && done.result() == null) {
                rc.put(ENDED_KEY, Boolean.TRUE);
                clearCookie(rc);
            }
        });
    }

    private Future<WebSession> refresh(RoutingContext rc, WebSession session) {
        return keycloak.refresh(session.tokens().refresh())
                .compose(tokens -> verified(rc, tokens).compose(profile -> {
                    WebSession refreshed = session.withTokens(profile, new WebSession.Tokens(tokens.access(),
                            tokens.refresh() != null ? tokens.refresh() : session.tokens().refresh(),
                            tokens.id() != null ? tokens.id() : session.tokens().id(), tokens.accessExpiresAt(), tokens.refreshExpiresAt()));
                    return store.replace(refreshed).compose(written -> written ? Future.succeededFuture(refreshed)
                            : store.find(session.id()));
                }))
                .recover(failure -> {
                    if (failure instanceof KeycloakClient.RefusedGrant) {
                        // another replica may have used the refresh token first (Keycloak rotates them): its tokens are stored
                        return store.find(session.id()).compose(latest -> {
                            if (latest != null && latest.version() > session.version()) {
                                return Future.succeededFuture(latest);
                            }
                            // the session ended at Keycloak (its own idle limit, or an administrator)
                            return store.delete(session.id()).map(v -> (WebSession) null);
                        });
                    }
                    return Future.failedFuture(failure);
                });
    }

    // ------------------------------------------------------------------ sign-in

    /** Starts a sign-in: remembers state, nonce and PKCE verifier in a sealed cookie, answers Keycloak's URL. */
    public Future<String> startSignIn(RoutingContext rc, String next, String locale) {
        String state = crypto.randomToken(24);
        String nonce = crypto.randomToken(24);
        String verifier = crypto.randomToken(48);
        long until = clock.instant().getEpochSecond() + SIGN_IN_SECONDS;
        String sealed = crypto.seal(String.join("\n", state, nonce, verifier, safeNext(next), Long.toString(until)), "sign-in");
        rc.response().addCookie(cookie(SIGN_IN_COOKIE, sealed, CALLBACK_PATH).setMaxAge(SIGN_IN_SECONDS));
        return keycloak.authorizationUrl(redirectUri(rc), state, nonce, SessionCrypto.s256(verifier), locale);
    }

    /** What a sign-in failed on, for the page that says so. */
    public static final class SignInFailed extends RuntimeException {
        public final String reason;

        SignInFailed(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    /** Finishes a sign-in at the callback: checks the state, redeems the code, creates the session; answers where to go. */
    public Future<String> finishSignIn(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Cookie stateCookie = request.getCookie(SIGN_IN_COOKIE);
        rc.response().addCookie(cookie(SIGN_IN_COOKIE, "", CALLBACK_PATH).setMaxAge(0));
        String opened = stateCookie == null ? null : crypto.open(stateCookie.getValue(), "sign-in");
        if (opened == null) {
            return Future.failedFuture(new SignInFailed("state-missing"));
        }
        String[] parts = opened.split("\n", -1);
        String state = parts[0];
        String nonce = parts[1];
        String verifier = parts[2];
        String next = parts[3];
        if (clock.instant().getEpochSecond() > Long.parseLong(parts[4]) || !SessionCrypto.same(state, request.getParam("state"))) {
            return Future.failedFuture(new SignInFailed("state-mismatch"));
        }
        if (request.getParam("error") != null || request.getParam("code") == null) {
            return Future.failedFuture(new SignInFailed("refused"));
        }
        return keycloak.exchangeCode(request.getParam("code"), redirectUri(rc), verifier)
                .recover(f -> Future.failedFuture(f instanceof KeycloakClient.RefusedGrant ? new SignInFailed("code-refused") : f))
                .compose(tokens -> checkIdToken(tokens, nonce).compose(v -> verified(rc, tokens)).compose(profile -> {
                    Instant now = clock.instant();
                    Instant expiresAt = policy.expiresAt(now);
                    WebSession session = new WebSession(crypto.randomToken(32), profile,
                            new WebSession.Tokens(tokens.access(), tokens.refresh(), tokens.id(), tokens.accessExpiresAt(),
                                    tokens.refreshExpiresAt()),
                            policy.idleUntil(now, expiresAt), expiresAt, 0);
                    return replaceSession(rc, session);
                }))
                .map(v -> next);
    }

    private Future<Void> replaceSession(RoutingContext rc, WebSession session) {
        // a session already in this browser ends: one person, one session
        Cookie old = rc.request().getCookie(COOKIE);
        Future<Void> previous = old == null ? Future.succeededFuture() : end(old.getValue());
        return previous.recover(f -> Future.succeededFuture()).compose(v -> store.insert(session)).map(v -> {
            rc.response().addCookie(cookie(COOKIE, session.id(), "/"));
            return null;
        });
    }

    /** The ID token came straight from the token endpoint: its audience, issuer and our nonce are what is left to check. */
    private Future<Void> checkIdToken(KeycloakClient.TokenResponse tokens, String nonce) {
        if (tokens.id() == null) {
            return Future.failedFuture(new SignInFailed("no-id-token"));
        }
        JsonObject claims = KeycloakClient.claims(tokens.id());
        Object aud = claims.getValue("aud");
        boolean forUs = config.clientId().equals(aud)
                || (aud instanceof io.vertx.core.json.JsonArray list && list.contains(config.clientId()));
        if (!forUs || !SessionCrypto.same(nonce, claims.getString("nonce"))) {
            return Future.failedFuture(new SignInFailed("id-token-mismatch"));
        }
        return keycloak.issuer().compose(issuer -> issuer.equals(claims.getString("iss")) ? Future.succeededFuture()
                : Future.failedFuture(new SignInFailed("id-token-mismatch")));
    }

    /** The access token verified by Quarkus OIDC (signature, issuer, audience, expiry), as a profile. */
    private Future<WebSession.Profile> verified(RoutingContext rc, KeycloakClient.TokenResponse tokens) {
        return Future.fromCompletionStage(identities.authenticate(new AccessTokenCredential(tokens.access()))
                .subscribeAsCompletionStage(), rc.vertx().getOrCreateContext())
                .map(Sessions::profile);
    }

    static WebSession.Profile profile(SecurityIdentity identity) {
        JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
        Set<String> names = jwt.getClaimNames();
        String username = names.contains("preferred_username") ? jwt.getClaim("preferred_username") : jwt.getSubject();
        String name = names.contains("name") ? jwt.getClaim("name") : username;
        return new WebSession.Profile(jwt.getSubject(), username, name, new LinkedHashSet<>(identity.getRoles()),
                names.contains("region") ? jwt.getClaim("region") : null, names.contains("team") ? jwt.getClaim("team") : null);
    }

    // ------------------------------------------------------------------ sign-out and expiry

    /**
     * Ends this browser's session here and answers where to send the browser to end it at Keycloak
     * (then it comes back to the signed-out page).
     */
    public Future<String> signOut(RoutingContext rc, WebSession session) {
        clearCookie(rc);
        return store.delete(session.id()).compose(v -> keycloak.endSessionUrl(session.tokens().id(),
                origin(rc) + "/app/signed-out"));
    }

    /** Deletes a session and ends it at Keycloak (no browser involved); a failure there is only logged. */
    private Future<Void> end(String id) {
        return store.delete(id).map(ended -> {
            logoutAtKeycloak(ended);
            return null;
        });
    }

    private void logoutAtKeycloak(SessionStore.Ended ended) {
        if (ended != null && ended.tokens() != null && ended.tokens().refresh() != null) {
            keycloak.logout(ended.tokens().refresh())
                    .onFailure(f -> LOG.warnf("a session that ended could not be ended at Keycloak too (%s)", f.getClass().getSimpleName()));
        }
    }

    void sweep() {
        store.sweep(clock.instant())
                .onSuccess(ended -> ended.forEach(this::logoutAtKeycloak))
                .onFailure(f -> LOG.debugf("session sweep skipped: %s", f.getMessage()));
    }

    // ------------------------------------------------------------------ CSRF

    /** The CSRF token of a session: tied to it, useless with any other. */
    public String csrfToken(WebSession session) {
        return crypto.sign("csrf\n" + session.id());
    }

    public boolean csrfValid(WebSession session, String token) {
        return SessionCrypto.same(csrfToken(session), token);
    }

    /**
     * The CSRF token of the forms of a public page (offer, invitation): tied to the link's own token, so
     * that no cookie is needed, and useless with any other link.
     */
    public String linkCsrfToken(String linkToken) {
        return crypto.sign("link-csrf\n" + linkToken);
    }

    public boolean linkCsrfValid(String linkToken, String token) {
        return SessionCrypto.same(linkCsrfToken(linkToken), token);
    }

    // ------------------------------------------------------------------ addresses and cookies

    /** The address the browser reached the gateway at: configured, or from the request. */
    public String origin(RoutingContext rc) {
        if (config.publicUrl().isPresent()) {
            return config.publicUrl().get().replaceAll("/+$", "");
        }
        HttpServerRequest request = rc.request();
        String scheme = ClientAddress.overTls(request, trustedProxyHops) ? "https" : "http";
        String host = trustedProxyHops > 0 && request.getHeader("X-Forwarded-Host") != null
                ? request.getHeader("X-Forwarded-Host").split(",")[0].trim()
                : (request.authority() == null ? "localhost" : request.authority().toString());
        return scheme + "://" + host;
    }

    /**
     * Whether the browser names no other site as the request's source: {@code Sec-Fetch-Site} absent,
     * {@code same-origin} or {@code none} (typed by the user), and {@code Origin} absent, {@code null} (hidden by
     * the no-referrer policy) or ours. The CSRF token is checked besides.
     */
    public boolean sameOriginOrUnnamed(RoutingContext rc) {
        String site = rc.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = rc.request().getHeader("Origin");
        return origin == null || origin.equals("null") || origin.equals(origin(rc));
    }

    private String redirectUri(RoutingContext rc) {
        return origin(rc) + CALLBACK_PATH;
    }

    private void clearCookie(RoutingContext rc) {
        rc.response().addCookie(cookie(COOKIE, "", "/").setMaxAge(0));
    }

    private Cookie cookie(String name, String value, String path) {
        return Cookie.cookie(name, value).setPath(path).setHttpOnly(true).setSecure(config.session().secureCookie())
                .setSameSite(CookieSameSite.LAX);
    }

    /** Only a path of the application: never an address elsewhere (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/app") || next.startsWith("//") || next.contains("\\") || next.contains("\n")
                || next.startsWith(CALLBACK_PATH)) {
            return "/app/";
        }
        return next;
    }

    Vertx vertx() {
        return vertx;
    }
}
