package org.anaiss.outreach.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.crypto.FieldCipher;
import org.anaiss.platform.outbox.OutboxSeal;

/**
 * The outbox's events are sealed with the field cipher, like every personal field of this database (an accepted
 * offer carries identity, NIR and address); the relay opens them just before sending.
 */
@ApplicationScoped
public class OutboxSealing implements OutboxSeal {

    private final FieldCipher cipher;

    public OutboxSealing(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public Sealed seal(UUID id, byte[] cloudEvent) {
        FieldCipher.Sealed sealed = cipher.seal(cloudEvent, place(id));
        return new Sealed(sealed.ciphertext(), sealed.keyId());
    }

    @Override
    public String open(UUID id, String keyId, byte[] ciphertext) {
        return cipher.openString(keyId, ciphertext, place(id));
    }

    /** Binds the ciphertext to its row (the place stays what rows written before the platform outbox used). */
    public static String place(UUID id) {
        return "outbox_event:payload:" + id;
    }
}
