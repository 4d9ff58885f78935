package org.anaiss.stats.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.anaiss.stats.domain.Dimension;
import org.anaiss.stats.domain.Granularity;

/**
 * Deterministic calibrated noise: the two-sided geometric mechanism (discrete Laplace over the
 * integers), P(noise = n) = (1-a)/(1+a) a^|n| with a = e^-epsilon.
 * <p>
 * The random bits of a cell come from HMAC-SHA-256(secret key, canonical cell identity), the
 * identity being the producer, measure, granularity, period, the full dimension tuple (null = all)
 * and the count. So the same cell with the same count always gets the same noise whatever query
 * shows it (repeating or overlapping queries cannot average it away), and a cell whose count changed
 * between two snapshot versions gets fresh noise (the difference of two versions is not the exact
 * number of new cases). Without the key, the noise cannot be predicted. One instance per key version
 * ({@link NoiseKeys}).
 */
public final class NoiseMechanism {

    private static final double TWO_TO_53 = 0x1p53;
    private final byte[] key;
    private final String keyId;
    private final double epsilon;
    // a Mac is not thread-safe; building one per cell would cost more than the hash itself
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** @param key the secret, 32 bytes or more; @param epsilon from 0.05 to 1 */
    public NoiseMechanism(String keyId, byte[] key, double epsilon) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("noise key " + keyId + ": the secret must have 32 bytes or more");
        }
        if (!(epsilon >= 0.05 && epsilon <= 1.0)) {
            throw new IllegalArgumentException("noise key " + keyId + ": epsilon must be from 0.05 to 1 (above 1 the noise is "
                    + "0 too often for masked cells to resist differencing)");
        }
        this.key = key.clone();
        this.keyId = keyId;
        this.epsilon = epsilon;
        newMac();
    }

    /** @param idAndKey {@code id:base64}, 32 bytes or more (tests and tools) */
    public NoiseMechanism(String idAndKey, double epsilon) {
        this(idOf(idAndKey), secretOf(idAndKey), epsilon);
    }

    private static String idOf(String idAndKey) {
        int colon = idAndKey == null ? -1 : idAndKey.indexOf(':');
        if (colon < 1 || colon > 32) {
            throw new IllegalArgumentException("a noise key must be id:base64 (id of 1 to 32 characters)");
        }
        return idAndKey.substring(0, colon);
    }

    private static byte[] secretOf(String idAndKey) {
        try {
            return Base64.getDecoder().decode(idAndKey.substring(idOf(idAndKey).length() + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noise key " + idOf(idAndKey) + ": the secret is not base64");
        }
    }

    /** A digest of the secret that identifies it without revealing it: what the database keeps of a key. */
    public byte[] fingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal("anaiss-stats-noise-key-fingerprint-v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public double epsilon() {
        return epsilon;
    }

    /** The count plus its noise. */
    public int noisy(String producer, String measure, Granularity granularity, String period, List<Dimension> dimensions,
            String[] values, long count) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                count + noise(identity(producer, measure, granularity, period, dimensions, values, count))));
    }

    /**
     * The canonical identity: every part is named, "*" stands for all values of a dimension, and
     * the parts are separated by a character no part can contain (checked at ingestion).
     */
    static String identity(String producer, String measure, Granularity granularity, String period,
            List<Dimension> dimensions, String[] values, long count) {
        StringBuilder sb = new StringBuilder(160).append("anaiss-stats-noise-v1|").append(producer).append('|')
                .append(measure).append('|').append(granularity.name()).append('|').append(period);
        for (int i = 0; i < dimensions.size(); i++) {
            sb.append('|').append(dimensions.get(i).apiName()).append('=').append(values[i] == null ? "*" : values[i]);
        }
        return sb.append("|count=").append(count).toString();
    }

    /** Noise drawn from the cell's 256 pseudo-random bits: the difference of two geometric variables. */
    long noise(String identity) {
        ByteBuffer bits = ByteBuffer.wrap(hmac(identity));
        return geometric(bits.getLong()) - geometric(bits.getLong());
    }

    /** Geometric on {0, 1, ...} with P(G >= g) = a^g, by inversion of a uniform in (0, 1]. */
    private long geometric(long randomBits) {
        double u = ((randomBits >>> 11) + 1) / TWO_TO_53;
        return (long) Math.floor(-Math.log(u) / epsilon);
    }

    /** HMAC-SHA-256 of these bytes under this key: a digest nobody without the key can test a guess against. */
    public byte[] keyedDigest(byte[] data) {
        return macs.get().doFinal(data);
    }

    private byte[] hmac(String identity) {
        return macs.get().doFinal(identity.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
