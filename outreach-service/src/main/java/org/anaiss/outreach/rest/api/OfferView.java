package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.Offer;
import org.anaiss.outreach.domain.OfferStatus;
import org.anaiss.outreach.domain.SignalType;

/** An offer as the officer sees it (no identity: the person is found by NIR lookup). */
public record OfferView(UUID id, UUID campaignId, SignalType signalType, Channel channel, OfferStatus status,
        Instant sentAt, Instant expiresAt, LocalDate postponedUntil, String answerChannel, Instant answeredAt, Integer letterBatch) {

    public static OfferView of(Offer o) {
        return new OfferView(o.id, o.campaignId, o.signalType, o.channel, o.status, o.sentAt, o.expiresAt, o.postponedUntil,
                o.answerChannel, o.answeredAt, o.letterBatch);
    }
}
