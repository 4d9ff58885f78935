package org.anaiss.stats.service;

/**
 * The threshold k applied after the noise: a noisy value below k is published as masked. Never
 * below 11, whatever the configuration says (the configuration is checked too, at startup, also
 * against the highest k ever applied).
 */
public record Threshold(int k) {

    public static final int FLOOR = 11;

    public Threshold {
        if (k < FLOOR) {
            throw new IllegalArgumentException("anaiss.stats.disclosure.threshold must be " + FLOOR + " or more");
        }
    }

    /** @return the value published, or null for masked */
    public Integer publish(int noisy) {
        return noisy >= k ? noisy : null;
    }
}
