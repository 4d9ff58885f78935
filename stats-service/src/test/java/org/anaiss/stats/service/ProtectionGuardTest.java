package org.anaiss.stats.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.anaiss.stats.repository.ProtectionRepository.KeyVersion;
import org.anaiss.stats.repository.ProtectionRepository.ProtectedPeriod;
import org.junit.jupiter.api.Test;

/**
 * A configuration that would change a released figure is refused, with the reason: k lowered, a key
 * id given another secret, activation or epsilon, a key of released periods removed, or a new key
 * activated before the end of a period already released.
 */
class ProtectionGuardTest {

    private static final String S1 = NoiseKeysTest.S1;
    private static final String S2 = NoiseKeysTest.S2;
    private final NoiseKeys current = new NoiseKeys(List.of("k1:0001-01-01:0.5:" + S1));
    private final List<KeyVersion> registered = List.of(ProtectionGuard.version(current.all().get(0)));
    private final List<ProtectedPeriod> released = List.of(new ProtectedPeriod("MONTH", "2026-09", "k1", 0.5, 3),
            new ProtectedPeriod("YEAR", "2025", "k1", 0.5, 3));

    private static List<String> problems(int k, NoiseKeys keys, Optional<Integer> highest, List<KeyVersion> registered,
            List<ProtectedPeriod> stored) {
        return ProtectionGuard.problems(k, keys.all(), highest, registered, stored);
    }

    @Test
    void theSameConfigurationOrAKeyActivatedAfterEveryReleaseOrAHigherKPasses() {
        assertThat(problems(11, current, Optional.of(11), registered, released)).isEmpty();
        NoiseKeys rotated = new NoiseKeys(List.of("k1:0001-01-01:0.5:" + S1, "k2:2026-11-01:0.4:" + S2));
        assertThat(problems(15, rotated, Optional.of(11), registered, released)).isEmpty();
        assertThat(problems(11, current, Optional.empty(), List.of(), List.of())).isEmpty();
    }

    @Test
    void aLowerThresholdIsRefused() {
        assertThat(problems(11, current, Optional.of(13), registered, released)).singleElement().asString()
                .contains("k is 11 but 13 was applied before").contains("may only be raised");
    }

    @Test
    void aKeyActivatedBeforeTheEndOfAReleasedPeriodIsRefused() {
        // September 2026 ends on 2026-10-01: a key activated on 2026-10-01 would re-noise it
        NoiseKeys early = new NoiseKeys(List.of("k1:0001-01-01:0.5:" + S1, "k2:2026-10-01:0.5:" + S2));
        assertThat(problems(11, early, Optional.of(11), registered, released)).singleElement().asString()
                .contains("MONTH 2026-09 was released under key k1").contains("key k2 activated on 2026-10-01");
    }

    @Test
    void aKeyIdGivenAnotherSecretActivationOrEpsilonIsRefused() {
        NoiseKeys otherSecret = new NoiseKeys(List.of("k1:0001-01-01:0.5:" + S2));
        assertThat(problems(11, otherSecret, Optional.of(11), registered, released)).singleElement().asString()
                .contains("Noise key k1").contains("another secret").contains("names one key forever").doesNotContain(S2);
        NoiseKeys otherEpsilon = new NoiseKeys(List.of("k1:0001-01-01:0.4:" + S1));
        assertThat(problems(11, otherEpsilon, Optional.of(11), registered, released)).anyMatch(p -> p.contains("0.4"));
        NoiseKeys otherActivation = new NoiseKeys(List.of("k1:2000-01-01:0.5:" + S1));
        assertThat(problems(11, otherActivation, Optional.of(11), registered, List.of())).singleElement().asString()
                .contains("2000-01-01");
    }

    @Test
    void aKeyOfReleasedPeriodsThatIsNoLongerConfiguredIsRefused() {
        NoiseKeys replaced = new NoiseKeys(List.of("k2:0001-01-01:0.5:" + S2));
        assertThat(problems(11, replaced, Optional.of(11), registered, released))
                .anyMatch(p -> p.contains("Noise key k1 protected released periods") && p.contains("no longer configured"));
    }

    @Test
    void aKeyNoLongerConfiguredThatProtectsNothingIsFine() {
        NoiseKeys k2 = new NoiseKeys(List.of("k2:0001-01-01:0.5:" + S2));
        assertThat(problems(11, k2, Optional.of(11), registered, List.of())).isEmpty();
    }
}
