package org.anaiss.outreach.rest.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.anaiss.outreach.domain.Campaign;
import org.anaiss.outreach.domain.CampaignStatus;
import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.Region;
import org.anaiss.outreach.domain.SignalType;

/** A campaign and, once launched, the progress of its launch (offers delivered / offers to deliver). */
public record CampaignView(UUID id, String name, Region region, Set<SignalType> signalTypes, LocalDate windowFrom,
        LocalDate windowTo, Channel channel, String subject, String template, LocalDate answerDeadline, CampaignStatus status,
        Progress progress, Instant createdAt, Instant launchedAt, Instant finishedAt, UUID actionId) {

    /** {@code total} is known once the people are selected (phase DELIVERING). */
    public record Progress(String phase, int done, int total) {
    }

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id, c.name, c.region, c.signalTypeSet(), c.windowFrom, c.windowTo, c.channel, c.subject,
                c.template, c.answerDeadline, c.status, c.status == CampaignStatus.DRAFT ? null
                        : new Progress(c.status == CampaignStatus.DONE ? "DONE" : c.phase, c.done, c.total),
                c.createdAt, c.launchedAt, c.finishedAt, c.actionId);
    }
}
