package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.io.IOException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Signal;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Seals and opens the identity document of a signal (AES-GCM, bound to the signal's row). */
@ApplicationScoped
public class PersonVault {

    private final FieldCipher cipher;
    private final ObjectMapper json;

    public PersonVault(FieldCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    public FieldCipher.Sealed seal(UUID signalId, PersonIdentity person) {
        try {
            return cipher.seal(json.writeValueAsBytes(person), Signal.place(signalId));
        } catch (IOException e) {
            throw new IllegalStateException("identity not serialisable", e);
        }
    }

    public PersonIdentity open(UUID signalId, String keyId, byte[] ciphertext) {
        try {
            return json.readValue(cipher.open(keyId, ciphertext, Signal.place(signalId)), PersonIdentity.class);
        } catch (IOException e) {
            throw new IllegalStateException("identity document unreadable for a signal", e);
        }
    }

    public PersonIdentity open(Signal signal) {
        return open(signal.id, signal.personKeyId, signal.personCiphertext);
    }
}
