package org.anaiss.outreach.rest;

import java.util.function.Function;

import org.anaiss.outreach.rest.api.ActionRequest;
import org.anaiss.outreach.rest.api.ActionView;
import org.anaiss.outreach.rest.api.AnswerView;
import org.anaiss.outreach.rest.api.CampaignPreview;
import org.anaiss.outreach.rest.api.CampaignRequest;
import org.anaiss.outreach.rest.api.InvitationRequest;
import org.anaiss.outreach.rest.api.LetterBatchView;
import org.anaiss.outreach.rest.api.Page;
import org.anaiss.outreach.rest.api.PersonRequest;
import org.anaiss.outreach.rest.api.RegistrationLinkView;
import org.anaiss.outreach.rest.api.RegistrationView;
import org.anaiss.outreach.rest.api.SessionRequest;
import org.anaiss.outreach.rest.api.SessionView;
import org.anaiss.outreach.rest.api.SignalReceipt;
import org.anaiss.outreach.rest.api.SignalRequest;
import org.anaiss.outreach.service.ActionDetails;
import org.anaiss.outreach.service.ActionInput;
import org.anaiss.outreach.service.AnswerDetails;
import org.anaiss.outreach.service.CampaignInput;
import org.anaiss.outreach.service.CampaignSample;
import org.anaiss.outreach.service.InvitationInput;
import org.anaiss.outreach.service.LetterBatch;
import org.anaiss.outreach.service.ListPage;
import org.anaiss.outreach.service.RegistrationDetails;
import org.anaiss.outreach.service.RegistrationLinkDetails;
import org.anaiss.outreach.service.SessionDetails;
import org.anaiss.outreach.service.SessionInput;
import org.anaiss.outreach.service.SignalDetails;
import org.anaiss.outreach.service.SignalInput;

/**
 * Between the API records (rest.api) and the services' own inputs and results: a request, once validated, becomes
 * what a service takes; what a service returns becomes the view the API answers with. Field for field, nothing
 * computed here, so the API stays what it was while the services know nothing of it.
 */
final class ApiMapping {

    private ApiMapping() {
    }

    static <T, V> Page<V> page(ListPage<T> p, Function<T, V> view) {
        return new Page<>(p.page(), p.size(), p.total(), p.items().stream().map(view).toList());
    }

    // ---------------------------------------------------------------- answers to offers (an offer is mapped by OfferView.of)

    static AnswerView answer(AnswerDetails a) {
        return new AnswerView(a.subject(), a.message(), a.answerBefore(), a.status(), a.choices(), a.firstName(), a.region(),
                a.signalType());
    }

    // ---------------------------------------------------------------- partners' signals

    static SignalInput signal(SignalRequest r) {
        return new SignalInput(person(r.person()), r.signalType(), r.signalDate(), r.sendingSystem());
    }

    static SignalInput.Person person(PersonRequest p) {
        return new SignalInput.Person(p.nir(), p.lastName(), p.firstName(), p.birthDate(), p.sex(), p.region(), p.addressLine(),
                p.postalCode(), p.city(), p.phone(), p.email(), p.preferredChannel());
    }

    static SignalReceipt receipt(SignalDetails s) {
        return new SignalReceipt(s.id(), s.signalType(), s.signalDate(), s.receivedAt(), s.status());
    }

    // ---------------------------------------------------------------- campaigns (a campaign and its offers are mapped
    // by CampaignView.of and OfferView.of, from the entities the service returns)

    static CampaignInput campaign(CampaignRequest r) {
        return new CampaignInput(r.name(), r.signalTypes(), r.windowFrom(), r.windowTo(), r.channel(), r.subject(), r.template(),
                r.answerDeadline(), r.actionId());
    }

    static CampaignPreview preview(CampaignSample s) {
        return new CampaignPreview(s.targets(), s.subject(), s.sampleMessage());
    }

    static LetterBatchView letterBatch(LetterBatch b) {
        return new LetterBatchView(b.batchNo(), b.letters(), b.createdAt());
    }

    // ---------------------------------------------------------------- collective actions and their sessions

    static ActionInput action(ActionRequest r) {
        return new ActionInput(r.theme(), r.title(), r.description(), r.targetPublic(),
                r.sessions().stream().map(ApiMapping::session).toList());
    }

    static SessionInput session(SessionRequest r) {
        return new SessionInput(r.startsAt(), r.durationMinutes(), r.place(), r.videoUrl(), r.capacity());
    }

    static InvitationInput invitation(InvitationRequest r) {
        return new InvitationInput(r.signalTypes(), r.windowFrom(), r.windowTo(), r.channel(), r.excludeOpenCases(), r.subject(),
                r.template());
    }

    static ActionView action(ActionDetails a) {
        return new ActionView(a.id(), a.region(), a.theme(), a.title(), a.description(), a.targetPublic(), a.createdAt(),
                a.sessions().stream().map(ApiMapping::session).toList());
    }

    static SessionView session(SessionDetails s) {
        return new SessionView(s.id(), s.startsAt(), s.durationMinutes(), s.place(), s.videoUrl(), s.capacity(), s.seatsTaken(),
                s.waiting(), s.held());
    }

    // ---------------------------------------------------------------- registrations, by staff and by the person's link

    static RegistrationView registration(RegistrationDetails r) {
        return new RegistrationView(r.id(), r.sessionId(), r.status(), r.source(), r.attended(), r.lastName(), r.firstName());
    }

    static RegistrationLinkView registrationLink(RegistrationLinkDetails l) {
        return new RegistrationLinkView(l.title(), l.theme(), l.description(),
                l.sessions().stream().map(s -> new RegistrationLinkView.Session(s.id(), s.startsAt(), s.durationMinutes(), s.place(),
                        s.videoUrl(), s.seatsLeft())).toList(),
                l.registration() == null ? null : mine(l.registration()));
    }

    static RegistrationLinkView.Mine mine(RegistrationLinkDetails.Mine m) {
        return new RegistrationLinkView.Mine(m.sessionId(), m.status());
    }
}
