package org.anaiss.outreach.rest.api;

import java.time.LocalDate;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.Channel;
import org.anaiss.outreach.domain.SignalType;

/**
 * Invite signalled people of the action's region (signal types, signal dates) by e-mail or letter.
 * People who objected are never invited; people with an open case are left out unless
 * {@code excludeOpenCases} is false. The template may use {firstName}, {lastName}, {sessions} and must
 * include {registrationUrl} (the person's link to register).
 */
public record InvitationRequest(
        @NotEmpty @Size(max = 5) Set<@NotNull SignalType> signalTypes,
        @NotNull LocalDate windowFrom,
        @NotNull LocalDate windowTo,
        @NotNull Channel channel,
        Boolean excludeOpenCases,
        @NotBlank @Size(max = 200) String subject,
        @NotBlank @Size(max = 20000) String template) {
}
