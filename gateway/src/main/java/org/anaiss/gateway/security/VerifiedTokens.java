package org.anaiss.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Identities of bearer tokens already verified, by SHA-256 of the token (the token itself is not
 * kept), each until the token's expiry or the maximum time, whichever comes first. Bounded: when
 * full, new tokens are simply not remembered.
 */
public final class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxTtlMillis;
    private final LongSupplier clock;

    public VerifiedTokens(int maxEntries, Duration maxTtl, LongSupplier epochMillisClock) {
        this.maxEntries = maxEntries;
        this.maxTtlMillis = maxTtl.toMillis();
        this.clock = epochMillisClock;
    }

    /** The identity of a token verified before and not expired since, or null. */
    public SecurityIdentity lookup(String token) {
        String key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.expiresAtMillis()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.identity();
    }

    /** Remembers a token that was just verified; {@code expiresAtEpochSecond} is its {@code exp} (0: none, not kept). */
    public void remember(String token, SecurityIdentity identity, long expiresAtEpochSecond) {
        if (expiresAtEpochSecond <= 0 || entries.size() >= maxEntries) {
            return;
        }
        long now = clock.getAsLong();
        long until = Math.min(expiresAtEpochSecond * 1000, now + maxTtlMillis);
        if (until > now) {
            entries.put(key(token), new Entry(identity, until));
        }
    }

    /** Drops the entries that have expired. */
    public void sweep() {
        long now = clock.getAsLong();
        entries.values().removeIf(entry -> now >= entry.expiresAtMillis());
    }

    public int size() {
        return entries.size();
    }

    private static String key(String token) {
        return Base64.getEncoder().encodeToString(SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
