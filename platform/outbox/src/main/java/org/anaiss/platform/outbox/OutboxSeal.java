package org.anaiss.platform.outbox;

import java.util.UUID;

/**
 * Encryption at rest of the outbox payloads, for a service whose events carry a person: when a bean of this type
 * exists, every event is stored sealed ({@code payload_ct}, {@code payload_key}) and opened by the relay in memory
 * just before it leaves; without one, payloads are stored in clear ({@code payload}).
 */
public interface OutboxSeal {

    /** The sealed CloudEvent and the id of the key that sealed it. */
    record Sealed(byte[] ciphertext, String keyId) {
    }

    /** Seals the CloudEvent of the row {@code id} (bound to that row: a ciphertext copied to another row does not open). */
    Sealed seal(UUID id, byte[] cloudEvent);

    /** Opens what {@link #seal} sealed for the row {@code id}. */
    String open(UUID id, String keyId, byte[] ciphertext);
}
