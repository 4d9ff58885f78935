package org.anaiss.outreach.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The person key as case-service computes it (HMAC-SHA-256 with the test NIR-hash key, base64url),
 * written independently of the service code so a drift between the two services would show.
 */
public final class PersonKeys {

    static final String TEST_NIR_HASH_KEY = "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx";

    private PersonKeys() {
    }

    public static String of(String nir) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(TEST_NIR_HASH_KEY), "HmacSHA256"));
            String normalised = nir.replaceAll("[\\s.-]", "").toUpperCase();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(normalised.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
