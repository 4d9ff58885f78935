package org.anaiss.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keyed hash of a NIR (blind index): exact lookup, and the person key by which the services recognise a
 * person without exchanging the NIR. Every service must compute it identically: one implementation, checked
 * against the published vectors (platform/crypto/person-key-vectors.csv) by each service's tests.
 */
@ApplicationScoped
public class NirHasher {

    private final SecretKeySpec key;

    public NirHasher(CryptoConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.nirHashKey().trim());
        if (raw.length < 32) {
            throw new IllegalStateException("anaiss.crypto.nir-hash-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    /** @param nir a NIR already normalised by {@link Nir#normalize(String)} */
    public byte[] hash(String nir) {
        return mac(null, nir.getBytes(StandardCharsets.US_ASCII));
    }

    /** The person reference carried by events: base64url of the keyed hash. */
    public String personKey(byte[] hash) {
        return hash == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /** The person key of a NIR (normalised here). */
    public String personKeyOf(String rawNir) {
        return personKey(hash(Nir.normalize(rawNir)));
    }

    /**
     * Keyed fingerprint of other data (an idempotent request's body...), separated from NIR hashes by its
     * domain: equal data, equal fingerprints; nothing readable. Hex.
     */
    public String fingerprint(String domain, byte[] data) {
        return HexFormat.of().formatHex(mac(domain, data));
    }

    private byte[] mac(String domain, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            if (domain != null) {
                mac.update(domain.getBytes(StandardCharsets.US_ASCII));
            }
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }
}
