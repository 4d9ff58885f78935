package org.anaiss.outreach.rest.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.anaiss.outreach.domain.OfferResponse;

/** An answer the person gave by phone or by letter, recorded by the officer. */
public record OfficerAnswerRequest(
        @NotNull OfferResponse response,
        @Size(max = 500) String preferredContactSlot,
        LocalDate postponedUntil,
        @NotNull @Pattern(regexp = "PHONE|LETTER", message = "must be PHONE or LETTER") String receivedBy) {

    @Override
    public String toString() {
        return "OfficerAnswerRequest[" + response + "]";
    }
}
