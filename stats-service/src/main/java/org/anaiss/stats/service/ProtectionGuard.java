package org.anaiss.stats.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.anaiss.stats.config.StatsConfig;
import org.anaiss.stats.domain.Granularity;
import org.anaiss.stats.repository.ProtectionRepository;
import org.anaiss.stats.repository.ProtectionRepository.KeyVersion;
import org.anaiss.stats.repository.ProtectionRepository.ProtectedPeriod;
import org.anaiss.stats.service.NoiseKeys.NoiseKey;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Checked at startup, before the topic is read: a configuration that would change a released figure
 * stops the service with the reason. The threshold may not go below the highest ever applied; a key
 * id keeps its secret, activation and epsilon forever; every key that protected a stored period stays
 * configured; and the key each stored period would get now is the one that protected it (a key
 * activated too early would re-noise released periods).
 */
@ApplicationScoped
public class ProtectionGuard {

    private static final Logger LOG = Logger.getLogger(ProtectionGuard.class);
    private final ProtectionRepository repository;
    private final NoiseKeys keys;
    private final StatsConfig config;
    private final Clock clock;

    public ProtectionGuard(ProtectionRepository repository, NoiseKeys keys, StatsConfig config, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    // before the messaging channels start (they start at LIBRARY_BEFORE)
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent event) {
        Duration timeout = Duration.ofSeconds(60);
        int k = config.disclosure().threshold();
        List<String> problems = problems(k, keys.all(), repository.highestThreshold().await().atMost(timeout),
                repository.keyVersions().await().atMost(timeout), repository.protectedPeriods().await().atMost(timeout));
        if (!problems.isEmpty()) {
            String message = "stats-service refuses to start: this configuration would change figures already released. "
                    + String.join(" ", problems);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        repository.raiseThreshold(k, clock.instant()).await().atMost(timeout);
        for (NoiseKey key : keys.all()) {
            repository.register(version(key), clock.instant()).await().atMost(timeout);
        }
    }

    static KeyVersion version(NoiseKey key) {
        return new KeyVersion(key.id(), key.activation(), key.epsilon(), key.mechanism().fingerprint());
    }

    /** Every reason this configuration would change a released figure; empty when it would not. */
    static List<String> problems(int k, List<NoiseKey> configured, Optional<Integer> highestK, List<KeyVersion> registered,
            List<ProtectedPeriod> stored) {
        List<String> problems = new ArrayList<>();
        if (highestK.isPresent() && k < highestK.get()) {
            problems.add("The threshold k is " + k + " but " + highestK.get() + " was applied before: k may only be raised "
                    + "(a lower k would unmask figures already released). Set ANAISS_STATS_THRESHOLD to " + highestK.get()
                    + " or more.");
        }
        Map<String, NoiseKey> byId = configured.stream().collect(Collectors.toMap(NoiseKey::id, Function.identity()));
        for (KeyVersion was : registered) {
            NoiseKey now = byId.get(was.id());
            if (now == null) {
                continue;
            }
            if (!now.activation().equals(was.activation()) || now.epsilon() != was.epsilon()
                    || !Arrays.equals(version(now).fingerprint(), was.fingerprint())) {
                problems.add("Noise key " + was.id() + " was registered with activation " + was.activation() + " and epsilon "
                        + was.epsilon() + " and its own secret; the configuration now gives it " + now.activation() + ", "
                        + now.epsilon() + (Arrays.equals(version(now).fingerprint(), was.fingerprint()) ? "" : " and another secret")
                        + ". A key id names one key forever: give a new key a new id.");
            }
        }
        for (ProtectedPeriod p : stored) {
            Optional<NoiseKey> used = Optional.ofNullable(byId.get(p.keyId()));
            if (used.isEmpty()) {
                problems.add("Noise key " + p.keyId() + " protected released periods (" + p.granularity() + " " + p.period()
                        + " among them) and is no longer configured: keep it in ANAISS_STATS_NOISE_KEYS.");
                continue;
            }
            Optional<NoiseKey> chosen = NoiseKeys.choose(configured, Granularity.valueOf(p.granularity()), p.period());
            if (chosen.isEmpty() || !chosen.get().id().equals(p.keyId()) || chosen.get().epsilon() != p.epsilon()) {
                problems.add(p.granularity() + " " + p.period() + " was released under key " + p.keyId() + " (epsilon "
                        + p.epsilon() + ") but would now be protected by "
                        + chosen.map(c -> "key " + c.id() + " activated on " + c.activation()).orElse("no key")
                        + ": a new key must be activated after the end of every period already released.");
            }
        }
        // one line per kind of problem is enough to act on; the first few name periods
        return problems.stream().distinct().limit(10).toList();
    }
}
