package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.OfferResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The person's answer: ACCEPTED (optionally when they prefer to be called), DECLINED, or POSTPONED
 * (with the date until which they want to think it over).
 */
@Schema(name = "AnswerRequest", example = """
        {"response": "ACCEPTED", "preferredContactSlot": "le mardi matin"}""")
public record AnswerRequest(
        @NotNull OfferResponse response,
        @Size(max = 500) String preferredContactSlot,
        LocalDate postponedUntil) {

    @Override
    public String toString() {
        return "AnswerRequest[" + response + "]";
    }
}
