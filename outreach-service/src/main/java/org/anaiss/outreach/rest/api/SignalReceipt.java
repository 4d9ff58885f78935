package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.outreach.domain.SignalType;

/**
 * What a partner may know of a signal it sent: RECEIVED, OFFER_SENT or CLOSED. Never the person's
 * answer (accepted, declined...), never anything about other partners' signals.
 */
public record SignalReceipt(UUID id, SignalType signalType, LocalDate signalDate, Instant receivedAt, String status) {

    public static final String RECEIVED = "RECEIVED";
    public static final String OFFER_SENT = "OFFER_SENT";
    public static final String CLOSED = "CLOSED";
}
