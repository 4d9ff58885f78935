package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.CryptoConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.config.OutreachConfig;

/**
 * Tokens of the links a person uses without an account (offer answers, registrations). A token is
 * HMAC-SHA-256 (256 bits) of the purpose and the record id, under a key derived from the NIR-hash
 * secret for this use only: unguessable without the secret, and the same every time it is computed,
 * so a message rendered again after a crash carries the same link. Only SHA-256 of the token is stored
 * (lookup); whether it still works (single use, expiry) is the record's state.
 */
@ApplicationScoped
public class AnswerLinks {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecretKeySpec key;
    private final String publicUrl;

    public AnswerLinks(CryptoConfig crypto, OutreachConfig config) {
        byte[] root = Base64.getDecoder().decode(crypto.nirHashKey().trim());
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(root, "HmacSHA256"), "anaiss/outreach/link-key/v1"), "HmacSHA256");
        String url = config.publicUrl();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String token(String purpose, UUID id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, purpose + ":" + id));
    }

    /** SHA-256 (hex) of a token; null when the text cannot be a token (answered 404 like any unknown one). */
    public static String hash(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public String offerToken(UUID offerId) {
        return token("offer", offerId);
    }

    /**
     * The short link of an offer, printed in letters and mails: the gateway's page for the person
     * ({@code /o/}). Links printed before it ({@code /api/outreach/answers/}) keep working: the gateway
     * sends a browser that follows one to the same page.
     */
    public String answerUrl(String token) {
        return publicUrl + "/o/" + token;
    }

    /** The short link of an invitation or a registration ({@code /i/}), the gateway's page; see {@link #answerUrl}. */
    public String registrationUrl(String token) {
        return publicUrl + "/i/" + token;
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }
}
