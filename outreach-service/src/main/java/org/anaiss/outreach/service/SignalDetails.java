package org.anaiss.outreach.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.outreach.domain.SignalType;

/** A signal as its partner may know it, with its coarse status: RECEIVED, OFFER_SENT or CLOSED. */
public record SignalDetails(UUID id, SignalType signalType, LocalDate signalDate, Instant receivedAt, String status) {
    public static final String RECEIVED = "RECEIVED";
    public static final String OFFER_SENT = "OFFER_SENT";
    public static final String CLOSED = "CLOSED";
}
