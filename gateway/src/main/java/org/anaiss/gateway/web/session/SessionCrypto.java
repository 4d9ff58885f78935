package org.anaiss.gateway.web.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of web sessions, with one 256-bit key: AES-GCM for what is stored (tokens) or
 * handed to the browser to be given back (the sign-in state), HMAC-SHA-256 for the CSRF tokens, and
 * SHA-256 of the session id as the database key (a stolen table holds no usable cookie).
 */
public final class SessionCrypto {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec aes;
    private final SecretKeySpec hmac;
    private final SecureRandom random = new SecureRandom();

    public SessionCrypto(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("anaiss.web.session.key must be 32 bytes (base64), not " + key.length);
        }
        // two keys derived from one, so encryption and signatures never share a key
        this.aes = new SecretKeySpec(derive(key, "anaiss-web-session-encryption"), "AES");
        this.hmac = new SecretKeySpec(derive(key, "anaiss-web-session-signature"), "HmacSHA256");
    }

    /** A key from configuration (base64), or a random one for this process. */
    public static byte[] keyOf(String base64OrNull, SecureRandom random) {
        if (base64OrNull == null || base64OrNull.isBlank()) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            return key;
        }
        return Base64.getDecoder().decode(base64OrNull.trim());
    }

    /** A random token of {@code bytes} bytes, base64url. */
    public String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return URL.encodeToString(b);
    }

    public byte[] encrypt(byte[] plain, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, iv));
            // the context is authenticated: a value encrypted for one purpose (or session) is refused for another
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The plain bytes, or null when the value was not sealed by this key for this context. */
    public byte[] decrypt(byte[] sealed, String context) {
        if (sealed == null || sealed.length <= IV_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** Encrypted and base64url: for a cookie. */
    public String seal(String plain, String context) {
        return URL.encodeToString(encrypt(plain.getBytes(StandardCharsets.UTF_8), context));
    }

    /** The plain text of {@link #seal}, or null when it was altered, or sealed by another key or for another context. */
    public String open(String sealed, String context) {
        if (sealed == null) {
            return null;
        }
        try {
            byte[] plain = decrypt(URL_DECODER.decode(sealed), context);
            return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmac);
            return URL.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    /** Constant-time comparison of two texts (tokens). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The PKCE code challenge (S256) of a verifier. */
    public static String s256(String verifier) {
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] derive(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
