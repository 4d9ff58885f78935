package org.anaiss.outreach.service;

import org.anaiss.outreach.repository.Times;
import org.anaiss.platform.crypto.FieldCipher;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import org.anaiss.outreach.repository.MailMessageRepository;

/**
 * The mail queue (an outbox for e-mail): a message is enqueued in the transaction of the change it
 * reports, at most once per dedupe key (e.g. {@code offer:<id>}), encrypted (recipient, subject and body
 * carry personal data and a link token); {@link MailRelay} sends it.
 */
@ApplicationScoped
public class MailQueue {

    private final FieldCipher cipher;
    private final MailMessageRepository messages;

    public MailQueue(FieldCipher cipher, MailMessageRepository messages) {
        this.cipher = cipher;
        this.messages = messages;
    }

    /** The row to insert with {@link MailMessageRepository#INSERT}: id, key, three ciphertexts, key id, not before, created. */
    public Tuple row(String dedupeKey, String recipient, String subject, String body, Instant notBefore, Instant now) {
        UUID id = UUID.randomUUID();
        FieldCipher.Sealed to = cipher.seal(recipient, place(id, "to"));
        FieldCipher.Sealed subj = cipher.seal(subject, place(id, "subject"));
        FieldCipher.Sealed text = cipher.seal(body, place(id, "body"));
        return Tuple.tuple().addUUID(id).addString(dedupeKey).addBuffer(Buffer.buffer(to.ciphertext())).addBuffer(Buffer.buffer(subj.ciphertext()))
                .addBuffer(Buffer.buffer(text.ciphertext())).addString(to.keyId()).addOffsetDateTime(Times.utc(notBefore))
                .addOffsetDateTime(Times.utc(now));
    }

    /** Enqueues one message in the caller's transaction; false when that key was already queued. */
    public boolean enqueue(SqlConnection conn, String dedupeKey, String recipient, String subject, String body, Instant notBefore,
            Instant now) {
        return messages.insert(conn, row(dedupeKey, recipient, subject, body, notBefore, now));
    }

    /** Enqueues one message in the caller's Hibernate Reactive transaction; 1 when queued, 0 when that key was already queued. */
    public Uni<Integer> enqueue(String dedupeKey, String recipient, String subject, String body, Instant now) {
        UUID id = UUID.randomUUID();
        FieldCipher.Sealed to = cipher.seal(recipient, place(id, "to"));
        FieldCipher.Sealed subj = cipher.seal(subject, place(id, "subject"));
        FieldCipher.Sealed text = cipher.seal(body, place(id, "body"));
        return messages.insertPending(id, dedupeKey, to.ciphertext(), subj.ciphertext(), text.ciphertext(), to.keyId(), now);
    }

    static String place(UUID id, String part) {
        return "mail:" + part + ":" + id;
    }

    public static String offerKey(UUID offerId) {
        return "offer:" + offerId;
    }
}
