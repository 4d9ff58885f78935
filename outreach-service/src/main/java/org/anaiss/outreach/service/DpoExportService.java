package org.anaiss.outreach.service;

import org.anaiss.platform.crypto.NirHasher;

import org.anaiss.platform.crypto.FieldCipher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Invitation;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.Registration;
import org.anaiss.outreach.domain.Signal;
import org.anaiss.outreach.repository.ActionSessionRepository;
import org.anaiss.outreach.repository.CollectiveActionRepository;
import org.anaiss.outreach.repository.InvitationRepository;
import org.anaiss.outreach.repository.ObjectionRepository;
import org.anaiss.outreach.repository.OfferRepository;
import org.anaiss.outreach.repository.RegistrationRepository;
import org.anaiss.outreach.repository.SignalRepository;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Everything outreach-service holds on a person (right of access), for the DPO: the signals with the
 * identity they carry, the offers and answers, the objection, the invitations and registrations.
 * case-service asks for it with the DPO's token when it builds a person's full export.
 */
@ApplicationScoped
public class DpoExportService {

    private final NirHasher hasher;
    private final PersonVault vault;
    private final FieldCipher cipher;
    private final ObjectMapper json;

    private final AuditTrail audit;
    private final SignalRepository signals;
    private final OfferRepository offers;
    private final ObjectionRepository objections;
    private final InvitationRepository invitations;
    private final RegistrationRepository registrations;
    private final ActionSessionRepository sessions;
    private final CollectiveActionRepository actions;

    public DpoExportService(NirHasher hasher, PersonVault vault, FieldCipher cipher, ObjectMapper json, AuditTrail audit,
            SignalRepository signals, OfferRepository offers, ObjectionRepository objections, InvitationRepository invitations,
            RegistrationRepository registrations, ActionSessionRepository sessions, CollectiveActionRepository actions) {
        this.audit = audit;
        this.signals = signals;
        this.offers = offers;
        this.objections = objections;
        this.invitations = invitations;
        this.registrations = registrations;
        this.sessions = sessions;
        this.actions = actions;
        this.hasher = hasher;
        this.vault = vault;
        this.cipher = cipher;
        this.json = json;
    }

    /** Everything held on a person; the export is audited (one record, by person key) in its transaction. */
    @WithTransaction
    public Uni<Map<String, Object>> export(Caller caller, String nir) {
        String key = hasher.personKeyOf(nir);
        Map<String, Object> out = new LinkedHashMap<>();
        // the pseudonym under which the person's records and their audit trail are kept (GET /api/outreach/audit?personKey=)
        out.put("personKey", key);
        return audit.record(caller, AuditAction.EXPORT, "person", null, key).chain(() -> signals.listOfPerson(key).invoke(held -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Signal s : held) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.id);
                m.put("partner", s.partner);
                m.put("sendingSystem", s.sourceSystem);
                m.put("region", s.region);
                m.put("signalType", s.signalType);
                m.put("signalDate", s.signalDate);
                m.put("receivedAt", s.receivedAt);
                m.put("person", vault.open(s));
                list.add(m);
            }
            out.put("signals", list);
        }).chain(() -> offers.listOfPerson(key)).invoke(made -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Offer o : made) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", o.id);
                m.put("campaignId", o.campaignId);
                m.put("region", o.region);
                m.put("signalType", o.signalType);
                m.put("channel", o.channel);
                m.put("status", o.status);
                m.put("sentAt", o.sentAt);
                m.put("answerBefore", o.expiresAt);
                m.put("answeredAt", o.answeredAt);
                m.put("answeredBy", o.answerChannel);
                m.put("postponedUntil", o.postponedUntil);
                m.put("preferredContactSlot", o.slotCiphertext == null ? null
                        : cipher.openString(o.slotKeyId, o.slotCiphertext, Offer.slotPlace(o.id)));
                list.add(m);
            }
            out.put("offers", list);
        }).chain(() -> objections.findByPersonKey(key)).invoke(o -> out.put("objection", o == null ? null
                : Map.of("recordedAt", o.recordedAt, "recordedThrough", o.source)))
                .chain(() -> invitations.listOfPerson(key)).invoke(invited -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (Invitation i : invited) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", i.id);
                        m.put("actionId", i.actionId);
                        m.put("channel", i.channel);
                        m.put("status", i.status);
                        m.put("sentAt", i.sentAt);
                        list.add(m);
                    }
                    out.put("invitations", list);
                }).chain(() -> registrations.listOfPerson(key)).chain(registered -> {
                    List<Map<String, Object>> list = new ArrayList<>();
                    Uni<Void> done = Uni.createFrom().voidItem();
                    for (Registration r : registered) {
                        done = done.chain(() -> sessions.findById(r.sessionId)).chain(s -> actions
                                .findById(r.actionId).invoke(a -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("id", r.id);
                                    m.put("action", a == null ? null : a.title);
                                    m.put("theme", a == null ? null : a.theme);
                                    m.put("sessionStartsAt", s == null ? null : s.startsAt);
                                    m.put("status", r.status);
                                    m.put("registeredThrough", r.source);
                                    m.put("attended", r.attended);
                                    m.put("registeredAt", r.createdAt);
                                    m.put("person", attendee(r));
                                    list.add(m);
                                })).replaceWithVoid();
                    }
                    return done.invoke(() -> out.put("registrations", list));
                }).replaceWith(out));
    }

    private Attendee attendee(Registration r) {
        try {
            return json.readValue(cipher.open(r.personKeyId, r.personCiphertext, Registration.place(r.id)), Attendee.class);
        } catch (IOException e) {
            throw new IllegalStateException("attendee unreadable for a registration", e);
        }
    }
}
