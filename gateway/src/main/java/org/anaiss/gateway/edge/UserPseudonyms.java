package org.anaiss.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.anaiss.gateway.config.GatewayConfig;

/**
 * The pseudonym of a user in the access log: HMAC-SHA-256 of the token's subject under a key of the
 * day, itself HMAC-SHA-256 of the date (UTC) under the configured secret. One day's requests of a
 * user share a pseudonym, so an investigation can follow a session; two days' do not, so the log
 * cannot be turned into a record of a person's activity over weeks. The subject never reaches the
 * log; without the secret (held by the gateway only) a pseudonym cannot be traced back to it.
 */
@ApplicationScoped
public class UserPseudonyms {

    private static final String HMAC = "HmacSHA256";
    /** 16 bytes of the MAC, base64url: 22 characters, ample against collisions in a day's users. */
    private static final int BYTES = 16;
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private record DayKey(LocalDate day, SecretKeySpec key) {
    }

    private final SecretKeySpec secret;
    private volatile Clock clock = Clock.systemUTC();
    private volatile DayKey current;

    @Inject
    public UserPseudonyms(GatewayConfig config) {
        this(config.accessLog().pseudonymKey().orElse(null));
    }

    /** @param configured the secret, base64; null: a random one */
    UserPseudonyms(String configured) {
        this.secret = new SecretKeySpec(secret(configured), HMAC);
    }

    static byte[] secret(String configured) {
        if (configured == null || configured.isBlank()) {
            // every replica and every restart then gets its own pseudonyms: set the key in production
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] key = Base64.getDecoder().decode(configured.trim());
        if (key.length < 32) {
            throw new IllegalArgumentException("anaiss.gateway.access-log.pseudonym-key must be 32 bytes or more (base64), not "
                    + key.length);
        }
        return key;
    }

    /** Tests move the day. */
    public void clock(Clock newClock) {
        this.clock = newClock;
    }

    /** The pseudonym of this subject today (UTC). */
    public String of(String subject) {
        return of(subject, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    String of(String subject, LocalDate day) {
        DayKey key = current;
        if (key == null || !key.day().equals(day)) {
            key = new DayKey(day, new SecretKeySpec(mac(secret, "anaiss-access-log/" + day), HMAC));
            current = key;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac(key.key(), subject), BYTES));
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        Mac mac = MACS.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
