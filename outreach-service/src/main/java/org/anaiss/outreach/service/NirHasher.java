package org.anaiss.outreach.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.CryptoConfig;

/** Keyed hash of a NIR (blind index): exact lookup and cross-service matching without the NIR itself. */
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(nir.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    /** The person key of a NIR (normalised here): what objections, offers and case-events match on. */
    public String personKeyOf(String rawNir) {
        return personKey(hash(Nir.normalize(rawNir)));
    }

    /** Keyed fingerprint of a request body (idempotency): equal bodies, equal fingerprints; nothing readable. */
    public String fingerprint(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("anaiss/outreach/request/v1:".getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    /** The person reference carried by events: base64url of the keyed hash. */
    public String personKey(byte[] hash) {
        return hash == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }
}
