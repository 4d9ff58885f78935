package org.anaiss.outreach.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for the application-level encryption of identities, answers and letters, and the keyed hash
 * of the NIR. The same names and values as case-service (ANAISS_CRYPTO_KEYS, ANAISS_CRYPTO_ACTIVE_KEY,
 * ANAISS_NIR_HASH_KEY). No default: production takes them from a Secret; dev and test carry public keys.
 */
@ConfigMapping(prefix = "anaiss.crypto")
public interface CryptoConfig {

    /** Data-encryption keys, each {@code id:base64} of 32 random bytes. Keep retired keys here: they still decrypt. */
    List<String> keys();

    /** Id of the key that encrypts new data. */
    String activeKey();

    /**
     * Secret of the keyed hash (HMAC-SHA-256) of the NIR, base64, 32 bytes or more, shared with case-service
     * so both recognise a person by the same key without exchanging the NIR.
     */
    String nirHashKey();
}
