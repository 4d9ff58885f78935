package org.anaiss.cases.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CryptoConfig;

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

    /** The person reference carried by events: base64url of the keyed hash. */
    public String personKey(byte[] hash) {
        return hash == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }
}
