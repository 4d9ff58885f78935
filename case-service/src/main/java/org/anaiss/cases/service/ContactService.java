package org.anaiss.cases.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Contact;
import org.anaiss.cases.domain.ContactMode;
import org.anaiss.cases.repository.ContactRepository;
import org.anaiss.platform.crypto.FieldCipher;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Contacts with the person (interviews, calls, visits); notes are encrypted. */
@ApplicationScoped
public class ContactService {

    static final String RECORD = "CONTACT";
    private final CaseService cases;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final ContactRepository contacts;

    public ContactService(CaseService cases, FieldCipher cipher, AuditTrail audit, Clock clock, ContactRepository contacts) {
        this.contacts = contacts;
        this.cases = cases;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ContactDetails> add(Caller caller, UUID caseId, Instant occurredAt, ContactMode mode, String notesText) {
        return cases.load(caller, caseId).chain(c -> {
            Contact contact = new Contact();
            contact.id = UUID.randomUUID();
            contact.caseId = c.id;
            contact.occurredAt = occurredAt;
            contact.mode = mode;
            contact.author = caller.username();
            FieldCipher.Sealed notes = cipher.seal(notesText, place(contact.id));
            contact.notesCiphertext = notes == null ? null : notes.ciphertext();
            contact.notesKeyId = notes == null ? null : notes.keyId();
            contact.createdAt = clock.instant();
            if (c.lastContactAt == null || c.lastContactAt.isBefore(occurredAt)) {
                c.lastContactAt = occurredAt;
            }
            c.updatedAt = contact.createdAt;
            return contacts.persist(contact)
                    .call(() -> audit.record(caller, AuditAction.CREATE, RECORD, contact.id, c.id, c.person.id))
                    .map(v -> details(contact));
        });
    }

    @WithTransaction
    public Uni<List<ContactDetails>> list(Caller caller, UUID caseId) {
        return cases.load(caller, caseId).chain(c -> contacts.listForCase(c.id, true)
                .call(list -> audit.record(caller, list.stream()
                        .map(x -> new AuditEntry(AuditAction.READ, RECORD, x.id, c.id, c.person.id)).toList()))
                .map(list -> list.stream().map(this::details).toList()));
    }

    static String place(UUID contactId) {
        return "contact.notes:" + contactId;
    }

    /** The contact as read, its notes decrypted. */
    public ContactDetails details(Contact c) {
        return new ContactDetails(c.id, c.caseId, c.occurredAt, c.mode, c.author,
                cipher.openString(c.notesKeyId, c.notesCiphertext, place(c.id)), c.createdAt);
    }
}
