package org.anaiss.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;


/**
 * AES-256-GCM for single fields. Each ciphertext is {@code iv || ciphertext+tag} and is bound to
 * its place (the associated data names the table, column and row), so a value copied to another
 * row does not decrypt. The key id is stored beside each value: new data uses the active key,
 * older keys keep decrypting until a re-encryption pass retires them.
 */
@ApplicationScoped
public class FieldCipher {

    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(CryptoConfig config) {
        for (String entry : config.keys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("anaiss.crypto.keys entries must read id:base64");
            }
            byte[] raw = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (raw.length != 32) {
                throw new IllegalStateException("encryption key " + entry.substring(0, colon) + " must be 32 bytes");
            }
            keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(raw, "AES"));
        }
        this.activeKeyId = config.activeKey();
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("anaiss.crypto.active-key names no configured key");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Sealed seal(byte[] plaintext, String place) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(activeKeyId, ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public Sealed seal(String plaintext, String place) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8), place);
    }

    public byte[] open(String keyId, byte[] ciphertext, String place) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key " + keyId + " to decrypt with");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            cipher.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed for a value in " + place.split(":")[0], e);
        }
    }

    public String openString(String keyId, byte[] ciphertext, String place) {
        return ciphertext == null ? null : new String(open(keyId, ciphertext, place), StandardCharsets.UTF_8);
    }
}
