package org.anaiss.cases.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for the application-level encryption of the NIR, notes, plan texts and documents.
 * No default: production takes them from a Secret; the dev and test profiles carry dev-only keys.
 */
@ConfigMapping(prefix = "anaiss.crypto")
public interface CryptoConfig {

    /** Data-encryption keys, each {@code id:base64} of 32 random bytes. Keep retired keys here: they still decrypt. */
    List<String> keys();

    /** Id of the key that encrypts new data. */
    String activeKey();

    /**
     * Secret of the keyed hash (HMAC-SHA-256) of the NIR, base64, 32 bytes or more. The same secret is given
     * to outreach-service, so both recognise a person without exchanging the NIR.
     */
    String nirHashKey();
}
