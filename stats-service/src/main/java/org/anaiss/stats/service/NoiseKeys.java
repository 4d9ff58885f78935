package org.anaiss.stats.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Granularity;

/**
 * The versioned noise keys. Each protects the periods that end on or after its activation date, until
 * the next key's: the key of a period is a pure function of the period and this configuration, so a
 * rebuild protects every released snapshot exactly as it was, and a key added later protects only
 * later periods (the startup check refuses one that would re-noise a period already released).
 * Messages name key ids, never a secret.
 */
@Singleton
public class NoiseKeys {

    /** One key version: the periods ending on or after {@code activation} (until the next key) get its noise. */
    public record NoiseKey(String id, LocalDate activation, double epsilon, NoiseMechanism mechanism) {
    }

    private final List<NoiseKey> keys;

    @jakarta.inject.Inject
    public NoiseKeys(StatsConfig config) {
        this(config.disclosure().noiseKeys());
    }

    /** @param entries {@code id:yyyy-mm-dd:epsilon:base64}, one per key version */
    public NoiseKeys(List<String> entries) {
        List<NoiseKey> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<LocalDate> activations = new HashSet<>();
        for (String entry : entries) {
            NoiseKey key = parse(entry);
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("noise key " + key.id() + " is configured twice");
            }
            if (!activations.add(key.activation())) {
                throw new IllegalArgumentException("two noise keys are activated on " + key.activation() + ": one period, one key");
            }
            parsed.add(key);
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("anaiss.stats.disclosure.noise-keys holds no key");
        }
        parsed.sort(Comparator.comparing(NoiseKey::activation));
        this.keys = List.copyOf(parsed);
    }

    static NoiseKey parse(String entry) {
        String[] parts = entry == null ? new String[0] : entry.trim().split(":", 4);
        if (parts.length != 4 || !parts[0].matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("a noise key must be <id>:<activation yyyy-mm-dd>:<epsilon>:<base64 secret> "
                    + "(id of 1 to 32 letters, digits, '.', '_' or '-')");
        }
        String id = parts[0];
        LocalDate activation;
        double epsilon;
        byte[] secret;
        try {
            activation = LocalDate.parse(parts[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("noise key " + id + ": the activation must be a date yyyy-mm-dd");
        }
        try {
            epsilon = Double.parseDouble(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise key " + id + ": epsilon must be a number from 0.05 to 1");
        }
        try {
            secret = Base64.getDecoder().decode(parts[3].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noise key " + id + ": the secret is not base64");
        }
        return new NoiseKey(id, activation, epsilon, new NoiseMechanism(id, secret, epsilon));
    }

    /** Every key version, oldest activation first. */
    public List<NoiseKey> all() {
        return keys;
    }

    public Optional<NoiseKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** The key of this period: the latest activated on or before its end, or empty when it ends before the first. */
    public Optional<NoiseKey> forPeriod(Granularity granularity, String period) {
        return choose(keys, granularity, period);
    }

    /** The pure function behind {@link #forPeriod}: the latest of these keys activated on or before the period's end. */
    static Optional<NoiseKey> choose(List<NoiseKey> keys, Granularity granularity, String period) {
        LocalDate end = granularity.end(period);
        NoiseKey chosen = null;
        for (NoiseKey k : keys) {
            if (!k.activation().isAfter(end) && (chosen == null || k.activation().isAfter(chosen.activation()))) {
                chosen = k;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
