package org.anaiss.outreach.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;

/**
 * A campaign to create: whom (signal types, signal dates), how (channel), what (subject and template), until when
 * people may answer, and optionally the collective action it proposes.
 */
public record CampaignInput(String name, List<SignalType> signalTypes, LocalDate windowFrom, LocalDate windowTo, Channel channel,
        String subject, String template, LocalDate answerDeadline, UUID actionId) {
    @Override
    public String toString() {
        return "CampaignInput[]";
    }
}
