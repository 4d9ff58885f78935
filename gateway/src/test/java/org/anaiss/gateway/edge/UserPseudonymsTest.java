package org.anaiss.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The access log's pseudonym of a user: the same all day, another the next day, and no trace of the subject. */
class UserPseudonymsTest {

    private static final String SECRET = Base64.getEncoder().encodeToString("a test secret of thirty-two bytes".getBytes());
    private static final String SUBJECT = "6f1c2a9e-0b3d-4c5e-8f7a-9b8c7d6e5f4a";

    private static UserPseudonyms withSecret(String secret) {
        return new UserPseudonyms(secret);
    }

    @Test
    void sameDaySamePseudonymNextDayAnother() {
        UserPseudonyms p = withSecret(SECRET);
        LocalDate day = LocalDate.of(2026, 3, 2);
        String monday = p.of(SUBJECT, day);
        assertThat(p.of(SUBJECT, day)).isEqualTo(monday);
        assertThat(p.of(SUBJECT, day.plusDays(1))).isNotEqualTo(monday);
        assertThat(p.of(SUBJECT, day)).as("back to the first day: the same again").isEqualTo(monday);
        assertThat(p.of("another-subject", day)).isNotEqualTo(monday);
        assertThat(monday).matches("[A-Za-z0-9_-]{22}").doesNotContain(SUBJECT.substring(0, 8));
    }

    @Test
    void replicasWithTheSameSecretAgreeOthersDoNot() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        assertThat(withSecret(SECRET).of(SUBJECT, day)).isEqualTo(withSecret(SECRET).of(SUBJECT, day));
        String other = Base64.getEncoder().encodeToString("another secret, also thirty-two!".getBytes());
        assertThat(withSecret(other).of(SUBJECT, day)).isNotEqualTo(withSecret(SECRET).of(SUBJECT, day));
        assertThat(withSecret(null).of(SUBJECT, day)).as("no secret: a random one").isNotEqualTo(withSecret(null).of(SUBJECT, day));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> withSecret(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
