package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.OfferResponse;

/**
 * The person's answer: ACCEPTED (optionally when they prefer to be called), DECLINED, or POSTPONED
 * (with the date until which they want to think it over).
 */
public record AnswerRequest(
        @NotNull OfferResponse response,
        @Size(max = 500) String preferredContactSlot,
        LocalDate postponedUntil) {

    @Override
    public String toString() {
        return "AnswerRequest[" + response + "]";
    }
}
