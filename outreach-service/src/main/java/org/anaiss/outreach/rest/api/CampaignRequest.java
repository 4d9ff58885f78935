package org.anaiss.outreach.rest.api;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;

/**
 * A campaign of the officer's region: whom (signal types, signal dates), how (channel), what (subject
 * and Qute template of the message, which must include {answerUrl}), and until when people may answer.
 * With {@code actionId}, the offer also proposes a collective action of the region: the template may then
 * use {registrationUrl} and {sessions}, and each person is invited to that action.
 */
public record CampaignRequest(
        @NotBlank @Size(max = 120) String name,
        @NotEmpty @Size(max = 5) Set<@NotNull SignalType> signalTypes,
        @NotNull LocalDate windowFrom,
        @NotNull LocalDate windowTo,
        @NotNull Channel channel,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 20000) String template,
        @NotNull LocalDate answerDeadline,
        UUID actionId) {

    @Override
    public String toString() {
        return "CampaignRequest[]";
    }
}
