package org.anaiss.outreach.service;

import java.time.LocalDate;
import java.util.List;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;

/**
 * A round of invitations to a collective action: whom (signal types, signal dates, with or without an open
 * case; {@code excludeOpenCases} null means true), how (channel) and what (subject and template).
 */
public record InvitationInput(List<SignalType> signalTypes, LocalDate windowFrom, LocalDate windowTo, Channel channel,
        Boolean excludeOpenCases, String subject, String template) {
}
