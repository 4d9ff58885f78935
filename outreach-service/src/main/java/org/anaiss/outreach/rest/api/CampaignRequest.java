package org.anaiss.outreach.rest.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * A campaign of the officer's region: whom (signal types, signal dates), how (channel), what (subject
 * and Qute template of the message, which must include {answerUrl}), and until when people may answer.
 * With {@code actionId}, the offer also proposes a collective action of the region: the template may then
 * use {registrationUrl} and {sessions}, and each person is invited to that action.
 */
@Schema(name = "CampaignRequest", example = """
        {"name": "Arrêts de plus de 90 jours, novembre", "signalTypes": ["SICK_LEAVE_90_DAYS"], "windowFrom": "2026-11-01", "windowTo": "2026-11-30", "channel": "LETTER", "subject": "Le service social peut vous aider", "template": "Bonjour {firstName},\\nLe service social de l'Assurance Maladie peut vous accompagner. Répondez ici : {answerUrl}", "answerDeadline": "2027-01-31"}""")
public record CampaignRequest(
        @NotBlank @Size(max = 120) String name,
        // a list checked for repeats, not a Set: a Set would quietly merge repeats that the schema (uniqueItems) rules out
        @NotEmpty @Size(max = 5) @UniqueElements @Schema(uniqueItems = true) List<@NotNull SignalType> signalTypes,
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
