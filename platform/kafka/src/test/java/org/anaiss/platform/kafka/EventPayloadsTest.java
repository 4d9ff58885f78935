package org.anaiss.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** Which failures a consumer retries (they may heal) and which it does not (they never will). */
class EventPayloadsTest {

    @Test
    void anIntegrityErrorIsNotRetriedHoweverDeepItIsWrapped() {
        SQLException unique = new SQLException("duplicate", "23505");
        assertThat(EventPayloads.transientFailure(unique)).isFalse();
        // Hibernate Reactive wraps the database's error: the state is found in the chain
        assertThat(EventPayloads.transientFailure(new RuntimeException(new IllegalStateException(unique)))).isFalse();
        assertThat(EventPayloads.transientFailure(new RuntimeException(new SQLException("too long", "22001")))).isFalse();
    }

    @Test
    void aConnectionOrTimeoutFailureIsRetriedAndAnUnreadableEventIsNot() {
        assertThat(EventPayloads.transientFailure(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(EventPayloads.transientFailure(new RuntimeException(new TimeoutException()))).isTrue();
        assertThat(EventPayloads.transientFailure(new EventPayloads.MalformedEventException("invalid fields: id"))).isFalse();
        assertThat(EventPayloads.transientFailure(new IllegalArgumentException("bad value"))).isFalse();
    }
}
