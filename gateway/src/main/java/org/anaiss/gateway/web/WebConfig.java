package org.anaiss.gateway.web;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The staff web application served by the gateway (its backend for front end): sign-in at Keycloak,
 * sessions, pages. Defaults are the production values.
 */
@ConfigMapping(prefix = "anaiss.web")
public interface WebConfig {

    /** Keycloak client of the application: authorization-code flow with PKCE (S256). */
    @WithDefault("anaiss-web")
    String clientId();

    /** Its secret, when the client is confidential; the demo client is public (PKCE protects the code). */
    Optional<String> clientSecret();

    /**
     * The address people reach the gateway at ({@code https://anaiss.example.org}); the redirect URI
     * registered at Keycloak is this plus {@code /app/callback}. Unset: taken from each request (its
     * Host, and X-Forwarded-Proto behind a trusted proxy).
     */
    Optional<String> publicUrl();

    Session session();

    Brand brand();

    /** Time zone in which dates and times are shown. */
    @WithDefault("Europe/Paris")
    ZoneId zone();

    interface Session {
        /**
         * A session unused this long ends, here and at Keycloak. The deadline moves at most once a
         * minute, so a session ends between this and one minute more after its last request.
         */
        @WithDefault("15m")
        Duration idleTimeout();

        /** A session ends this long after sign-in whatever its use (Keycloak's SSO maximum is 10 h). */
        @WithDefault("10h")
        Duration maxAge();

        /**
         * 32 bytes, base64: encrypts the tokens at rest (AES-256-GCM) and signs the sign-in state and
         * the CSRF tokens. Every replica needs the same. Unset: a random key per process, and every
         * session ends when the gateway restarts (a warning says so).
         */
        Optional<String> key();

        /** {@code Secure} on the session cookie; browsers accept it on http://localhost too. */
        @WithDefault("true")
        boolean secureCookie();

        /** How often ended sessions are looked for, deleted and logged out at Keycloak. */
        @WithDefault("1m")
        Duration sweepInterval();
    }

    /** What the pages say of the fund (the header, the footer, the error pages). */
    interface Brand {
        @WithDefault("Service social de l'Assurance Maladie")
        String fundName();

        /** The phone number of the social service, shown in the footer. */
        Optional<String> phone();

        /**
         * The phone number of each region's social service, {@code REGION=number} separated by {@code ;}
         * (e.g. {@code RHONE_ALPES=04 72 00 00 00;BRETAGNE=02 99 00 00 00}): shown instead of {@link #phone()} on
         * the pages of an offer from that region and on the page that confirms the answer. Empty: the fund's number.
         */
        Optional<String> regionPhones();

        /** Postal address of the social service, shown in the footer. */
        Optional<String> address();

        /** The fund's logo; the default is a neutral one served by the gateway. */
        @WithDefault("/assets/logo.svg")
        String logoUrl();
    }
}
