package org.anaiss.outreach.rest.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.UniqueElements;

/**
 * Invite signalled people of the action's region (signal types, signal dates) by e-mail or letter.
 * People who objected are never invited; people with an open case are left out unless
 * {@code excludeOpenCases} is false. The template may use {firstName}, {lastName}, {sessions} and must
 * include {registrationUrl} (the person's link to register).
 */
@Schema(name = "InvitationRequest", example = """
        {"signalTypes": ["SICK_LEAVE_90_DAYS"], "windowFrom": "2026-11-01", "windowTo": "2026-11-30", "channel": "EMAIL", "excludeOpenCases": true, "subject": "Une réunion d'information près de chez vous", "template": "Bonjour {firstName},\\nLe service social vous invite à une réunion : {sessions}\\nPour vous inscrire : {registrationUrl}"}""")
public record InvitationRequest(
        // a list checked for repeats, not a Set: a Set would quietly merge repeats that the schema (uniqueItems) rules out
        @NotEmpty @Size(max = 5) @UniqueElements @Schema(uniqueItems = true) List<@NotNull SignalType> signalTypes,
        @NotNull LocalDate windowFrom,
        @NotNull LocalDate windowTo,
        @NotNull Channel channel,
        Boolean excludeOpenCases,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 20000) String template) {
}
