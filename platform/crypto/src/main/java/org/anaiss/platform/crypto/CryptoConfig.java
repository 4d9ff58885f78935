package org.anaiss.platform.crypto;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for the application-level encryption of personal data, and the keyed hash of the NIR: the same
 * names in every service (ANAISS_CRYPTO_KEYS, ANAISS_CRYPTO_ACTIVE_KEY, ANAISS_NIR_HASH_KEY). No default:
 * production takes them from a Secret; the dev and test profiles carry dev-only keys.
 */
@ConfigMapping(prefix = "anaiss.crypto")
public interface CryptoConfig {

    /** Data-encryption keys, each {@code id:base64} of 32 random bytes. Keep retired keys here until re-encryption is done. */
    List<String> keys();

    /** Id of the key that encrypts new data. */
    String activeKey();

    /**
     * Secret of the keyed hash (HMAC-SHA-256) of the NIR, base64, 32 bytes or more, shared by the services
     * so they recognise a person by the same key without exchanging the NIR.
     */
    String nirHashKey();
}
